using System.Text.Json.Serialization;

namespace Rait.World.Generation;

/// <summary>Which split a person's questions go to: the RAIT train pool or the test splits.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PersonPartition>))]
public enum PersonPartition
{
    [JsonStringEnumMemberName("train")] Train,
    [JsonStringEnumMemberName("test")] Test,
}
