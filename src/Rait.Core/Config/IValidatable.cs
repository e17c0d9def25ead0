namespace Rait.Core.Config;

/// <summary>A config record that can check itself after loading.</summary>
public interface IValidatable
{
    /// <summary>Returns every problem found (empty when valid), each prefixed with its key path, e.g. "lora.rank: must be > 0".</summary>
    IReadOnlyList<string> Validate();
}
