"""The OAuth2 token endpoint in the API matrix: it shows no client data."""

ROUTES: list = []

OTHER_OPERATIONS = {
    ("/api/v1/oauth/token", "post"): "exchanges an integration's client credentials for a token; no client "
    "data (tests/api/test_oauth_api.py)",
}
