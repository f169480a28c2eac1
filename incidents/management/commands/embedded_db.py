"""`manage.py embedded_db start|stop|status`: run the embedded PostgreSQL by hand (it also starts on demand)."""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config import embedded_db


class Command(BaseCommand):
    help = "Start, stop or report on the embedded PostgreSQL kept in KB_EMBEDDED_DB_DIR (default .data/postgres)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status"])

    def handle(self, *args, action: str, **options):
        pgdata = settings.KB_EMBEDDED_DB_DIR
        try:
            if action == "start":
                server = embedded_db.ensure_running(pgdata)
                embedded_db.ensure_database(server, "kb")
                self.stdout.write(f"Embedded PostgreSQL running (pid {server.pid}, socket {server.socket_dir}).")
            elif action == "stop":
                stopped = embedded_db.stop(pgdata)
                self.stdout.write("Embedded PostgreSQL stopped." if stopped else "Embedded PostgreSQL was not running.")
            else:
                server = embedded_db.running_server(pgdata)
                state = f"running (pid {server.pid}, socket {server.socket_dir})" if server else "stopped"
                self.stdout.write(f"Embedded PostgreSQL in {pgdata}: {state}.")
        except embedded_db.EmbeddedDatabaseError as error:
            raise CommandError(str(error)) from error
