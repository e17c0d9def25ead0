using System.Text.Json;
using System.Text.Json.Serialization;
using Rait.Core.Endpoints;

namespace Rait.Pipeline.Run;

/// <summary>
/// The run's base model: a Hugging Face folder (<c>model = "DIR"</c>, trained and evaluated in process) or an
/// OpenAI-compatible endpoint (<c>[model] endpoint = "URL", name = "NAME"</c>, probed and evaluated remotely;
/// training stages need local weights and are skipped, the exported sets are for training elsewhere).
/// </summary>
[JsonConverter(typeof(RunModelConverter))]
public sealed record RunModel
{
    /// <summary>HF model folder; null for an endpoint model.</summary>
    public string? Path { get; init; }
    public EndpointModel? Endpoint { get; init; }

    public static implicit operator RunModel(string folder) => new() { Path = folder };

    /// <summary>The folder, for stages that need local weights.</summary>
    public string Folder => Path ?? throw new InvalidOperationException("an endpoint model has no local folder");

    public override string ToString() => Endpoint is { } e ? $"{e.Name} at {e.Endpoint}" : Path ?? "";

    public IReadOnlyList<string> Validate()
    {
        if (Endpoint is { } e) return e.Validate("model");
        return string.IsNullOrWhiteSpace(Path) ? ["model: required (a Hugging Face model folder, or a [model] table with endpoint and name)"] : [];
    }
}

/// <summary>Reads <c>model</c> as a folder string or as a table <c>{endpoint, name, api_key_env?, concurrency?}</c>; writes it back the same way.</summary>
internal sealed class RunModelConverter : JsonConverter<RunModel>
{
    private static readonly string[] Keys = ["endpoint", "name", "api_key_env", "concurrency"];

    public override RunModel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new RunModel { Path = reader.GetString() };
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("model: expected a folder string or a table with endpoint and name.");
        using var doc = JsonDocument.ParseValue(ref reader);
        var unknown = doc.RootElement.EnumerateObject().Select(p => p.Name).Where(n => !Keys.Contains(n)).ToList();
        if (unknown.Count > 0) throw new JsonException($"model.{unknown[0]}: unknown key; allowed: {string.Join(", ", Keys)}.");
        string? Str(string key) => doc.RootElement.TryGetProperty(key, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()
            : throw new JsonException($"model.{key}: expected a string, got {v.ValueKind}.") : null;
        int concurrency = doc.RootElement.TryGetProperty("concurrency", out var c) ? c.TryGetInt32(out var n) ? n
            : throw new JsonException($"model.concurrency: expected an integer, got {c}.") : 4;
        return new RunModel
        {
            Endpoint = new EndpointModel
            {
                Endpoint = Str("endpoint") ?? throw new JsonException("model.endpoint: required in a [model] table (the server base URL ending in /v1)"),
                Name = Str("name") ?? "", ApiKeyEnv = Str("api_key_env"), Concurrency = concurrency,
            },
        };
    }

    public override void Write(Utf8JsonWriter writer, RunModel value, JsonSerializerOptions options)
    {
        if (value.Endpoint is not { } e) { writer.WriteStringValue(value.Path); return; }
        writer.WriteStartObject();
        writer.WriteString("endpoint", e.Endpoint);
        writer.WriteString("name", e.Name);
        if (e.ApiKeyEnv is not null) writer.WriteString("api_key_env", e.ApiKeyEnv);
        writer.WriteNumber("concurrency", e.Concurrency);
        writer.WriteEndObject();
    }
}
