# The hyperbus command (host, worker, submit, status, tune).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/HyperBus.Cli -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
# curl for the compose health checks (GET /healthz/ready).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["dotnet", "/app/hyperbus.dll"]
