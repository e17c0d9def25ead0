using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Rait.Server.Tests.Support;

/// <summary>A real Kestrel server on a free 127.0.0.1 port, so SDKs and Node can talk to it too.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly RaitServer _server;

    private TestServer(RaitServer server, string apiKey)
    {
        _server = server;
        Address = server.Address;
        Http = new HttpClient { BaseAddress = new Uri(Address), Timeout = TimeSpan.FromMinutes(5) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public const string Key = "test-key";
    public string Address { get; }
    /// <summary>Sends the right key by default.</summary>
    public HttpClient Http { get; }

    public static async Task<TestServer> StartAsync(IChatBackend backend, ServeOptions? options = null)
    {
        var server = RaitServer.Create((options ?? new ServeOptions()) with { Host = "127.0.0.1", Port = 0, ApiKey = Key }, backend);
        await server.StartAsync();
        return new TestServer(server, Key);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string body) =>
        Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    public async Task<(int Status, JsonElement Json)> PostJsonAsync(string path, string body)
    {
        using var response = await PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}
