"""The contracts API, one module per resource (gathered into one router by ``api.py``)."""
