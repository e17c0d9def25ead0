using Microsoft.AspNetCore.Http;
using Rait.Core;
using Rait.Server.Dto;

namespace Rait.Server.Endpoints;

/// <summary>Turns request failures into OpenAI error bodies: bad input is always 4xx. Anything else is a server fault and
/// is left to ASP.NET Core (logged, 500), which keeps serving.</summary>
internal static class ErrorMiddleware
{
    /// <summary>Seconds a client should wait after a 429.</summary>
    public const int RetryAfterSeconds = 1;

    public static async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        try
        {
            await next(ctx);
        }
        catch (ApiException e) when (!ctx.Response.HasStarted)
        {
            await ApiResults.WriteErrorAsync(ctx, e.Status, e.Body);
        }
        catch (QueueFullException e) when (!ctx.Response.HasStarted)
        {
            ctx.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ApiResults.WriteErrorAsync(ctx, StatusCodes.Status429TooManyRequests,
                new ErrorBody(e.Message, "rate_limit_error", null, "rate_limit_exceeded"));
        }
        catch (RaitException e) when (!ctx.Response.HasStarted)
        {
            await ApiResults.WriteErrorAsync(ctx, StatusCodes.Status400BadRequest, new ErrorBody(e.Message, "invalid_request_error", null, null));
        }
        catch (BadHttpRequestException e) when (!ctx.Response.HasStarted)
        {
            await ApiResults.WriteErrorAsync(ctx, e.StatusCode, new ErrorBody(e.Message, "invalid_request_error", null, null));
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
    }
}
