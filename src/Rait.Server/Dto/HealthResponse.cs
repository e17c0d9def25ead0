namespace Rait.Server.Dto;

/// <summary><c>GET /health</c>: the model is loaded and the engine accepts work.</summary>
public sealed record HealthResponse(string Status, string Model, int QueueDepth);
