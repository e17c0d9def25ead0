using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Rait.Server.Endpoints;

/// <summary>Reads a JSON body with a size limit into a typed request record; every failure is a 4xx <see cref="ApiException"/>.</summary>
internal static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpContext ctx, long maxBytes) where T : class
    {
        if (ctx.Request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
            {
                if (buffer.Length + n > maxBytes) throw TooLarge(maxBytes);
                buffer.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }
        if (buffer.Length == 0) throw ApiException.BadRequest("The request body is empty; expected a JSON object.");
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ApiJson.Options);
        }
        catch (JsonException e)
        {
            var param = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path.TrimStart('$', '.');
            throw ApiException.BadRequest($"Invalid request body: {e.Message}", param);
        }
        catch (InvalidOperationException e)
        {
            // The reader raises this for text it cannot transcode (invalid UTF-8 inside a string).
            throw ApiException.BadRequest($"Invalid request body: {e.Message}");
        }
        return value ?? throw ApiException.BadRequest("Expected a JSON object, got null.");
    }

    private static ApiException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The request body exceeds the limit of {maxBytes} bytes.", "invalid_request_error", null, "request_too_large");
}
