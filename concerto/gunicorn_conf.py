"""gunicorn's configuration for Concerto (README, « Production »)::

    gunicorn -c python:concerto.gunicorn_conf

Options given on the command line win (``--workers 5 --bind 127.0.0.1:9000``). The access
log has no personal data: date, method, path (tokens, e-mails and phone numbers masked, no
query string), protocol, status, size and duration in milliseconds; no IP, no user agent, no
referer, whatever the format asks (concerto/core/gunicorn_logging.py).
"""

wsgi_app = "concerto.wsgi:application"
bind = "127.0.0.1:8001"
workers = 3
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
logger_class = "concerto.core.gunicorn_logging.ScrubbingLogger"
