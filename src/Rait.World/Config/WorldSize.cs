using System.Text.Json.Serialization;

namespace Rait.World.Config;

/// <summary>Size preset of a world: tiny for tests, small for quick demos, default for the real run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorldSize>))]
public enum WorldSize
{
    [JsonStringEnumMemberName("tiny")] Tiny,
    [JsonStringEnumMemberName("small")] Small,
    [JsonStringEnumMemberName("default")] Default,
}
