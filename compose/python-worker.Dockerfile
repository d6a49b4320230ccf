# The Python trainer worker (pika SDK + scikit-learn example trainers).
FROM python:3.11-slim
COPY plugins/python /opt/hyperbus-python
RUN pip install --no-cache-dir "/opt/hyperbus-python[examples]"
ENTRYPOINT ["python", "-m", "hyperbus_trainer"]
