using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rait.Server;

/// <summary>The JSON settings of the wire format: snake_case, strict types (no numbers in strings), unknown request fields ignored.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        MaxDepth = 32,
        // API clients parse JSON, not HTML: keep '<', '>' and quotes readable in token strings.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
