using Rait.Model;
using Rait.Server.Engine;

namespace Rait.Server.Tests.Support;

/// <summary>One loaded model and engine per test class: the engine thread is the only user of the model.</summary>
public abstract class ModelServerFixture : IAsyncLifetime
{
    private readonly string _dir;
    private readonly int _maxBatch, _maxQueue;
    private LanguageModel? _lm;

    protected ModelServerFixture(string dir, int maxBatch = 32, int maxQueue = 256)
    {
        _dir = dir;
        _maxBatch = maxBatch;
        _maxQueue = maxQueue;
    }

    public LanguageModel Lm => _lm!;
    public ModelBackend Backend { get; private set; } = null!;
    internal TestServer Server { get; private set; } = null!;
    public string ModelId => Backend.ModelId;

    public async Task InitializeAsync()
    {
        _lm = LanguageModel.Load(_dir);
        Backend = new ModelBackend(_lm, Path.GetFileName(_dir), _maxBatch, _maxQueue);
        Server = await TestServer.StartAsync(Backend);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Backend.Dispose();
        _lm?.Dispose();
    }
}

public sealed class TinyStoriesServer() : ModelServerFixture(TinyModels.TinyStories);

public sealed class ChatMlServer() : ModelServerFixture(TinyModels.ChatMl);
