using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rait.Core;
using Rait.Server.Endpoints;

namespace Rait.Server;

/// <summary>The OpenAI-compatible HTTP server (ASP.NET Core minimal APIs) in front of an <see cref="IChatBackend"/>.</summary>
/// <remarks>Routes: GET /health, GET /v1/models, GET /v1/models/{id}, POST /v1/chat/completions, POST /v1/completions.
/// Shapes follow the OpenAI API reference as summarized in interop §7.</remarks>
public sealed class RaitServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RaitServer(WebApplication app) => _app = app;

    /// <summary>Builds the server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="configureLogging">Adds log providers; none by default (library code does not write to the console).</param>
    /// <exception cref="RaitException">Invalid options (all problems listed).</exception>
    public static RaitServer Create(ServeOptions options, IChatBackend backend, Action<ILoggingBuilder>? configureLogging = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new RaitException("serve options: " + string.Join("; ", errors));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls($"http://{(options.Host.Contains(':') ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        builder.WebHost.ConfigureKestrel(k =>
        {
            // Slightly above our own limit so RequestBody reports 413 in the OpenAI shape before Kestrel aborts the read.
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes + 1;
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        long startedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var auth = new ApiKeyMiddleware(options.ApiKey);
        var cors = new CorsMiddleware(options.CorsOrigins);
        app.Use((ctx, next) => ErrorMiddleware.InvokeAsync(ctx, next));
        app.Use((ctx, next) => cors.InvokeAsync(ctx, next));
        app.Use((ctx, next) => auth.InvokeAsync(ctx, next));
        app.MapGet("/health", (HttpContext ctx) => ModelsEndpoint.HealthAsync(ctx, backend));
        app.MapGet("/v1/models", (HttpContext ctx) => ModelsEndpoint.ListAsync(ctx, backend, startedAt));
        app.MapGet("/v1/models/{id}", (HttpContext ctx, string id) => ModelsEndpoint.GetAsync(ctx, id, backend, startedAt));
        app.MapPost("/v1/chat/completions", (HttpContext ctx) => ChatCompletionsEndpoint.HandleAsync(ctx, backend, options));
        app.MapPost("/v1/completions", (HttpContext ctx) => CompletionsEndpoint.HandleAsync(ctx, backend, options));
        app.MapFallback((HttpContext ctx) => Task.FromException(
            new ApiException(StatusCodes.Status404NotFound, $"Unknown route {ctx.Request.Method} {ctx.Request.Path}.", "invalid_request_error", null, "not_found")));
        return new RaitServer(app);
    }

    /// <summary>Base address the server listens on (e.g. http://127.0.0.1:8000), known after start.</summary>
    public string Address => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public Task StartAsync(CancellationToken ct = default) => _app.StartAsync(ct);

    /// <summary>Blocks until the host is asked to stop (Ctrl+C / SIGTERM, or <paramref name="ct"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public Task StopAsync(CancellationToken ct = default) => _app.StopAsync(ct);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
