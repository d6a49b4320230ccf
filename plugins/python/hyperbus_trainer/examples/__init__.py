"""Example trainers on scikit-learn's bundled datasets; importing this package registers them."""

from . import sgd_digits, sklearn_rf, sklearn_svc

__all__ = ["sgd_digits", "sklearn_rf", "sklearn_svc"]
