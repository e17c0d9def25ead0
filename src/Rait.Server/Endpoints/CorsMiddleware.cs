using Microsoft.AspNetCore.Http;

namespace Rait.Server.Endpoints;

/// <summary>CORS for browser UIs: allowed origins get Access-Control-Allow-* headers, and preflight requests (OPTIONS with
/// Access-Control-Request-Method) are answered 204 before authentication, as browsers send them without the API key.</summary>
internal sealed class CorsMiddleware(IReadOnlyList<string> origins)
{
    private readonly HashSet<string> _origins = new(origins, StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        string origin = ctx.Request.Headers.Origin.ToString();
        if (_origins.Count == 0 || origin.Length == 0 || !(_origins.Contains("*") || _origins.Contains(origin))) return next(ctx);
        var h = ctx.Response.Headers;
        h.AccessControlAllowOrigin = _origins.Contains("*") ? "*" : origin;
        h.Vary = "Origin";
        if (!HttpMethods.IsOptions(ctx.Request.Method) || ctx.Request.Headers.AccessControlRequestMethod.Count == 0) return next(ctx);
        h.AccessControlAllowMethods = "GET, POST, OPTIONS";
        h.AccessControlAllowHeaders = "Authorization, Content-Type";
        h.AccessControlMaxAge = "600";
        ctx.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
