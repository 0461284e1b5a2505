from celery import Celery

from .transport import build_message, push_report, send_via_smtp

celery_app = Celery("mailer", broker="redis://redis:6379/1", backend="redis://redis:6379/2")


@celery_app.task(bind=True, max_retries=5)
def send_email(self, sender, to, subject, body):
    try:
        send_via_smtp(build_message(sender, to, subject, body))
    except OSError as exc:
        raise self.retry(exc=exc, countdown=30)


@celery_app.task
def deliver_report(path, name):
    push_report(path, name)
