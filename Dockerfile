# Stancemap: the dashboard in a container.
#
#   docker build -t stancemap .
#   docker run --rm -p 8501:8501 stancemap                      # open http://localhost:8501
#   docker run --rm -p 8501:8501 -e STANCEMAP_PASSWORD_HASH=scrypt:... stancemap   # private
#   docker run --rm -p 8501:8501 -e STANCEMAP_READ_ONLY=1 stancemap                # public link
#
# Serves the prebuilt tables of the default corpus (data/tables, built by `make data` before
# the build). Settings: STANCEMAP_* environment variables, or /app/.streamlit/secrets.toml
# mounted read-only (see README, "Deploying").

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBIAN_FRONTEND=noninteractive

# Debian's Chromium draws exported chart images (kaleido 1.x, via BROWSER_PATH); fonts for the
# chart text and non-Latin names; curl for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        chromium fonts-dejavu-core fonts-liberation fonts-noto-core curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*

# pip >= 24 (trafilatura's dependencies need it; the same pin as the Makefile), then every
# package from the lock with its sha256 checked.
COPY requirements.txt /tmp/requirements.txt
RUN python -m pip install --no-input "pip==26.3" \
    && python -m pip install --no-input --require-hashes -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# A user without a login shell or write access to the code; it owns only the upload cache
# and the corrections database (both in the volume).
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin stancemap \
    && mkdir -p /var/cache/stancemap \
    && chown stancemap:stancemap /var/cache/stancemap

WORKDIR /app
# The app, its rule data, the default corpus and its prebuilt tables (see .dockerignore).
COPY --chown=root:root . /app

ENV BROWSER_PATH=/usr/bin/chromium \
    STANCEMAP_CACHE_DIR=/var/cache/stancemap/uploads \
    STANCEMAP_DB_URL=sqlite:////var/cache/stancemap/corrections.sqlite3 \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=type \
    HOME=/home/stancemap

USER stancemap
EXPOSE 8501
VOLUME ["/var/cache/stancemap"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl --fail --silent --show-error http://localhost:8501/_stcore/health || exit 1

CMD ["python", "-m", "streamlit", "run", "dashboard.py", \
     "--server.address", "0.0.0.0", "--server.port", "8501", \
     "--browser.gatherUsageStats", "false", "--server.headless", "true"]
