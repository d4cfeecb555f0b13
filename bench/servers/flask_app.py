# Baseline for bench/request-path.js: the Python stack Skygate replaces (Flask under gunicorn, the
# Allsky Server's settings: 1 worker x 4 threads), answering BENCH_BODY (JSON text) on BENCH_PATH.
import os

from flask import Flask, Response

app = Flask(__name__)
BODY = os.environ.get("BENCH_BODY", '{"status":"ok"}')
PATH = os.environ.get("BENCH_PATH", "/health/live")


@app.route(PATH)
def route():
    return Response(BODY, mimetype="application/json")
