# The Python trainer worker (pika SDK + scikit-learn example trainers).
FROM python:3.11-slim
RUN pip install --no-cache-dir scikit-learn numpy
COPY plugins/python /opt/hyperbus-python
RUN pip install --no-cache-dir /opt/hyperbus-python
ENTRYPOINT ["python", "-m", "hyperbus_trainer"]
