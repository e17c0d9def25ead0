using Rait.Server.Dto;

namespace Rait.Server;

/// <summary>A request the server refuses, with the HTTP status and OpenAI error fields to send back.</summary>
public sealed class ApiException(int status, string message, string type, string? param = null, string? code = null) : Exception(message)
{
    public int Status { get; } = status;
    public ErrorBody Body => new(Message, type, param, code);

    public static ApiException BadRequest(string message, string? param = null, string? code = null) =>
        new(400, message, "invalid_request_error", param, code);

    public static ApiException ModelNotFound(string model) =>
        new(404, $"The model \"{model}\" does not exist.", "invalid_request_error", "model", "model_not_found");
}
