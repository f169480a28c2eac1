"""Django's PostgreSQL backend, plus: make sure the embedded server and its database exist before connecting.

Settings name the data directory as DATABASES["default"]["EMBEDDED_DATA_DIR"]. The socket directory and port are
read from the running server on each new connection, so they never go stale when the server moves.
"""
from pathlib import Path

from django.db.backends.postgresql import base as postgresql

from config import embedded_db


class DatabaseWrapper(postgresql.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        server = embedded_db.ensure_running(Path(self.settings_dict["EMBEDDED_DATA_DIR"]))
        if params.get("dbname") and params["dbname"] != "postgres":
            embedded_db.ensure_database(server, params["dbname"])
        params.update(host=str(server.socket_dir), port=server.port)
        params.setdefault("user", embedded_db.SUPERUSER)
        return params
