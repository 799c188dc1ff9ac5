"""Adds N runs to a project of a local haupt sandbox through haupt's own run manager (`create_run`, the function
its API's run creation uses), in one transaction: the list bench needs 1,000 runs, and creating them one HTTP
request at a time takes minutes on a loaded machine. Runs with the server's environment (POLYAXON_HOME,
POLYAXON_DB_NAME) and the sandbox path as argv[1]; prints the project's run count.

usage: python polyaxon-bulk-runs.py SANDBOX_PATH OWNER PROJECT COUNT
"""

import os
import sys


def main() -> int:
    sandbox, owner, project_name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "haupt.polyconf.settings")
    os.environ["POLYAXON_SERVICE"] = "api"
    os.environ["POLYAXON_SERVICE_MODE"] = "sandbox"
    from haupt import settings as haupt_settings

    haupt_settings.set_sandbox_config(path=sandbox)
    import django

    django.setup()
    from django.db import transaction

    from haupt.db.defs import Models
    from haupt.db.managers.runs import create_run

    project = Models.Project.objects.get(name=project_name)
    with transaction.atomic():
        for i in range(count):
            create_run(
                project_id=project.id,
                user_id=None,
                name=f"run-{i:04d}",
                description="bulk run for the list bench",
                tags=["bulk"],
                meta_info={"seed": i},
            )
    print(Models.Run.objects.filter(project=project).count())
    return 0


if __name__ == "__main__":
    sys.exit(main())
