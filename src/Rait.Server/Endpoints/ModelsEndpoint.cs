using Microsoft.AspNetCore.Http;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary><c>GET /v1/models</c>, <c>GET /v1/models/{id}</c> and <c>GET /health</c>.</summary>
internal static class ModelsEndpoint
{
    public static Task ListAsync(HttpContext ctx, IChatBackend backend, long startedAt) =>
        ApiResults.WriteJsonAsync(ctx, new ModelList([Card(backend, startedAt)]));

    public static Task GetAsync(HttpContext ctx, string id, IChatBackend backend, long startedAt) =>
        id == backend.ModelId ? ApiResults.WriteJsonAsync(ctx, Card(backend, startedAt)) : throw ApiException.ModelNotFound(id);

    public static Task HealthAsync(HttpContext ctx, IChatBackend backend) =>
        ApiResults.WriteJsonAsync(ctx, new HealthResponse("ok", backend.ModelId, backend.QueueDepth));

    private static ModelCard Card(IChatBackend backend, long startedAt) => new(backend.ModelId, startedAt, "rait", backend.ContextLength);
}
