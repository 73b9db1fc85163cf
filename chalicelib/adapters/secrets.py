"""Secrets through Powertools parameters (SSM SecureString), cached in memory."""
from __future__ import annotations


def ssm_secret(name: str, max_age: int = 300) -> str:
    from aws_lambda_powertools.utilities import parameters  # imported only where used

    return str(parameters.get_parameter(name, decrypt=True, max_age=max_age))
