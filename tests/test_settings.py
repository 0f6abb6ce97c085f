import subprocess
import sys
from pathlib import Path

import environ
import pytest
from cryptography.fernet import Fernet
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env):
    base = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


def test_vietnamese_is_the_default_language_and_timezone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert {code for code, _ in settings.LANGUAGES} == {"vi", "en"}


def test_database_url_parses_to_postgresql_with_persistent_connections():
    parsed = environ.Env.db_url_config("postgres://portal:secret@db.example:5432/truongap")
    assert parsed["ENGINE"] == "django.db.backends.postgresql"
    assert parsed["NAME"] == "truongap" and parsed["HOST"] == "db.example" and parsed["PORT"] == 5432


def test_without_configuration_sqlite_and_eager_tasks(tmp_path):
    probe = ("from django.conf import settings as s; "
             "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)")
    result = run_manage("shell", "--no-imports", "-c", probe, env={"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "True"]


def test_with_database_and_redis_urls_postgresql_and_a_real_broker():
    probe = ("from django.conf import settings as s; d = s.DATABASES['default']; "
             "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], s.CELERY_TASK_ALWAYS_EAGER, "
             "s.CELERY_BROKER_URL)")
    result = run_manage("shell", "--no-imports", "-c", probe, env={
        "DEBUG": "1", "DATABASE_URL": "postgres://u@127.0.0.1:5432/x", "REDIS_URL": "redis://127.0.0.1:6379/3"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "600", "True", "False", "redis://127.0.0.1:6379/3"]


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_manage("check", env={"DEBUG": "0", "TESTING": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_refuses_to_start_without_identity_encryption_keys_when_debug_is_off():
    result = run_manage("check", env={"DEBUG": "0", "TESTING": "0", "SECRET_KEY": "k" * 50})
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS is not set" in result.stderr


def test_check_deploy_is_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env={
        "DEBUG": "0", "TESTING": "0", "SECRET_KEY": "x" * 30 + "Zq9!vB7#kL2@pR5$wT8%yU1^",
        "ALLOWED_HOSTS": "baucu.example.vn", "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode()})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("name", ["acks_late", "task_serializer", "accept_content"])
def test_celery_is_json_only_and_acks_late(name):
    from config.celery import app

    expected = {"acks_late": True, "task_serializer": "json", "accept_content": ["json"]}[name]
    key = {"acks_late": "task_acks_late"}.get(name, name)
    assert app.conf[key] == expected
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit
    assert app.conf.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit
