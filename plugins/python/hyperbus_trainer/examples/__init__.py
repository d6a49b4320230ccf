"""Example trainers on scikit-learn's bundled datasets; importing this package registers them."""

from . import mlp_digits, pbt_digits, sgd_digits, sklearn_rf, sklearn_svc

__all__ = ["mlp_digits", "pbt_digits", "sgd_digits", "sklearn_rf", "sklearn_svc"]
