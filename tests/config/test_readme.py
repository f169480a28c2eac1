"""README.md documents the configuration the settings actually read."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VARIABLE_READ = re.compile(r"""(?:environ\.get|environ\[|env_bool|env_list)\(?\s*["']([A-Z][A-Z0-9_]+)["']""")


def test_readme_documents_every_environment_variable_the_settings_read():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    readme = (ROOT / "README.md").read_text()
    read = set(VARIABLE_READ.findall(settings_source))
    assert {"DATABASE_URL", "DJANGO_SECRET_KEY"} <= read
    assert sorted(name for name in read if f"`{name}`" not in readme) == []
