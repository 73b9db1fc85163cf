"""Create the portal table where it does not exist (local runs and tests; AWS uses infra/)."""
from __future__ import annotations

from chalicelib.adapters.dynamo.models import BoundModels


def ensure_table(models: BoundModels) -> bool:
    """Create the table if missing; return True when it was created."""
    if models.site.exists():
        return False
    models.site.create_table(wait=True)
    return True
