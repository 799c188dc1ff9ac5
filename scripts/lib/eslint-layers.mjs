// The layering rules of CONVENTIONS/issue 7 as one ESLint rule, `layers/imports`, checked on every
// import, re-export, dynamic import() and require() of a literal path:
//  - webview/** and src/protocol/** run in the browser (the protocol is shared with it): no Node
//    module, no `vscode`, and no file outside webview/** and src/protocol/**;
//  - a feature (src/features/<a>/**) never imports another feature (src/features/<b>/**): features
//    meet in the core and by command id;
//  - the core (src/core/**) imports no face: not `vscode`, nor src/host, src/features, src/cli,
//    src/views, src/commands, src/panels, src/editor, src/extension.
// Relative paths are resolved against the importing file, so `../../registry/x` and
// `../features/registry/x` are judged by where they land, not by how they are spelled.
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const BUILTINS = new Set(builtinModules);
const FACES = ['src/host', 'src/features', 'src/cli', 'src/views', 'src/commands', 'src/panels', 'src/editor', 'src/extension'];

const toPosix = p => p.split(path.sep).join('/');
const under = (p, dir) => p === dir || p.startsWith(`${dir}/`) || p.startsWith(`${dir}.`);

/** The problem with `file` (root-relative) importing `spec`, or undefined. */
export function layerProblem(root, file, spec) {
  const bare = !spec.startsWith('.') && !path.isAbsolute(spec);
  const isNode = spec.startsWith('node:') || (bare && BUILTINS.has(spec.split('/')[0]));
  const target = bare ? undefined : toPosix(path.relative(root, path.resolve(root, path.dirname(file), spec)));
  if (under(file, 'webview') || under(file, 'src/protocol')) {
    const where = under(file, 'webview') ? 'Webview code' : 'The page protocol (shared with webviews)';
    if (isNode) return `${where} runs in the browser: it may not import the Node module "${spec}".`;
    if (spec === 'vscode') return `${where} runs in the browser: it may not import "vscode"; talk to the host through src/protocol messages.`;
    if (target !== undefined && !under(target, 'webview') && !under(target, 'src/protocol')) {
      return `${where} may import only webview/** and src/protocol/**, not ${target}.`;
    }
    if (under(file, 'src/protocol') && target !== undefined && !under(target, 'src/protocol')) {
      return `The page protocol may import only src/protocol/**, not ${target}.`;
    }
    return undefined;
  }
  const feature = /^src\/features\/([^/]+)\//.exec(file)?.[1];
  if (feature && target !== undefined) {
    const other = /^src\/features\/([^/.]+)/.exec(target)?.[1];
    if (other && other !== feature) {
      return `The ${feature} feature may not import the ${other} feature (${target}): features meet in the core (src/core/client) and by command id.`;
    }
  }
  if (under(file, 'src/core')) {
    if (spec === 'vscode') return 'The core may not import "vscode": the CLI and plain-Node tests run it.';
    const face = target !== undefined ? FACES.find(f => under(target, f)) : undefined;
    if (face) return `The core may not import a face (${target}): faces depend on the core, never the reverse.`;
  }
  return undefined;
}

const importsRule = {
  meta: { type: 'problem', schema: [], docs: { description: 'imports respect the layers: webview, features, core' } },
  create(context) {
    const root = context.cwd;
    const file = toPosix(path.relative(root, context.filename));
    const judge = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const message = layerProblem(root, file, source.value);
      if (message) context.report({ node: source, message });
    };
    return {
      ImportDeclaration: node => judge(node, node.source),
      ExportNamedDeclaration: node => judge(node, node.source),
      ExportAllDeclaration: node => judge(node, node.source),
      ImportExpression: node => judge(node, node.source),
      CallExpression: node => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) judge(node, node.arguments[0]);
      },
    };
  },
};

export const layersPlugin = { rules: { imports: importsRule } };
