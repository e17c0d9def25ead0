using Rait.Core.Endpoints;
using Rait.Model;
using Rait.Model.Generation;
using Rait.Server.Engine;
using Rait.Server.Tests.Support;
using Rait.Tests;
using RaitMessage = Rait.Core.Records.ChatMessage;

namespace Rait.Server.Tests.EndToEnd;

/// <summary>The real server with the real TinyStories model, as a stranger would reach it: a base URL, a key and a model name.</summary>
public sealed class EndToEndServer : IAsyncLifetime
{
    public const string ModelName = "tiny";
    public const string Key = "e2e-key";
    private LanguageModel? _lm;
    private ModelBackend? _backend;
    private RaitServer? _server;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _lm = LanguageModel.Load(RepoPaths.Fixture("tinystories-656k"));
        _backend = new ModelBackend(_lm, ModelName);
        _server = RaitServer.Create(new ServeOptions { Host = "127.0.0.1", Port = 0, ApiKey = Key }, _backend);
        await _server.StartAsync();
        BaseUrl = _server.Address + "/v1";
    }

    public OpenAiClient Client() => new(new OpenAiClientOptions { BaseUrl = BaseUrl, ApiKey = Key, MaxRetries = 0 });

    /// <summary>The engine called directly for greedy text; only call while no request is in flight (the engine thread owns the model).</summary>
    public string GreedyReference(IReadOnlyList<RaitMessage> messages, int maxTokens) =>
        _lm!.Generate([_lm.EncodePrompt(messages)], new SamplingOptions { Temperature = 0, MaxNewTokens = maxTokens }).Single().Text;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }
        _backend?.Dispose();
        _lm?.Dispose();
    }
}
