using Rait.Core.Records;

namespace Rait.Methods.Common;

/// <summary>A row before the final shuffle: its source record, texts, reason and weight.</summary>
internal sealed record LabelledRow(ProbeRecord Source, string Prompt, string Answer, ExampleReason Reason, double Weight = 1.0);
