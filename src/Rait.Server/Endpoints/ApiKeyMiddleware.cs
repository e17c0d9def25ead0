using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Checks <c>Authorization: Bearer KEY</c> on /v1 routes when a key is configured (/health stays open).</summary>
internal sealed class ApiKeyMiddleware(string? apiKey)
{
    private readonly byte[]? _key = apiKey is null ? null : Encoding.UTF8.GetBytes(apiKey);

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (_key is null || !ctx.Request.Path.StartsWithSegments("/v1"))
        {
            await next(ctx);
            return;
        }
        string header = ctx.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            await Reject(ctx, "Missing API key: send it as \"Authorization: Bearer KEY\".");
            return;
        }
        var given = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        if (!CryptographicOperations.FixedTimeEquals(given, _key))
        {
            await Reject(ctx, "Incorrect API key provided.");
            return;
        }
        await next(ctx);
    }

    private static Task Reject(HttpContext ctx, string message)
    {
        ctx.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiResults.WriteErrorAsync(ctx, StatusCodes.Status401Unauthorized, new ErrorBody(message, "invalid_request_error", null, "invalid_api_key"));
    }
}
