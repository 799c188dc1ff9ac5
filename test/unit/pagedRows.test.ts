// The pages' long lists (issue 9 item 5): the host sends the first rows and the whole count, adds a page per
// "Show more" to that list only, and refuses a list the page does not have; the button names what is left.
import * as assert from 'node:assert/strict';
import { PagedLists } from '../../src/host/pagedList';
import { showMoreLabel } from '../../webview/shared/pagedRows';

describe('a page shows long lists a page of rows at a time', () => {
  const projects = Array.from({ length: 10_000 }, (_, i) => `project${i}`);

  it('sends the first 200 and the whole count', () => {
    const { rows, total } = new PagedLists(['projects']).page('projects', projects);
    assert.deepEqual([rows.length, rows[0], rows[199], total], [200, 'project0', 'project199', 10_000]);
  });

  it('a short list is sent whole', () => {
    const lists = new PagedLists(['members']);
    assert.deepEqual(lists.page('members', ['a', 'b']), { rows: ['a', 'b'], total: 2 });
    assert.deepEqual(lists.page('members', []), { rows: [], total: 0 });
  });

  it('each "Show more" adds a page to that list only, until the list is sent whole', () => {
    const lists = new PagedLists(['projects', 'members']);
    lists.more('projects');
    assert.equal(lists.page('projects', projects).rows.length, 400);
    assert.equal(lists.page('members', projects).rows.length, 200, 'another list keeps its own count');
    const members = projects.slice(0, 1_000);
    for (let i = 0; i < 4; i++) lists.more('members');
    assert.deepEqual(lists.page('members', members).rows.length, 1_000);
    lists.more('members');
    assert.deepEqual(lists.page('members', members), { rows: members, total: 1_000 });
  });

  it('refuses a list the page does not have', () => {
    assert.throws(() => new PagedLists(['projects']).more('secrets'), /This page has no list "secrets"/);
  });

  it('the button names how many rows are left', () => {
    assert.equal(showMoreLabel(9_800), 'Show more (9,800 more)');
    assert.equal(showMoreLabel(1), 'Show more (1 more)');
  });
});
