"""Wiring only: blueprints and middleware. Logic lives in chalicelib/."""
from chalice import Chalice

from chalicelib import observability
from chalicelib.web import public

app = Chalice(app_name="wuxue-portal")
observability.register(app)
app.register_blueprint(public.bp)
