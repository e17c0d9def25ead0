namespace Rait.Methods;

/// <summary>Why a row has its target; written as the "reason" column and counted in the manifest.</summary>
public enum ExampleReason
{
    SampledKeep,
    RehearsalKeep,
    KnownKeep,
    UnknownRefuse,
    CertainSure,
    UncertainUnsure,
    AnswerableKeep,
    UnanswerableRefuse,
    DistractorRefuse,
    NoContextKeep,
    NoContextRefuse,
}

/// <summary>Wire names and refusal semantics of <see cref="ExampleReason"/>.</summary>
public static class ExampleReasons
{
    public static string Wire(this ExampleReason r) => r switch
    {
        ExampleReason.SampledKeep => "sampled:keep",
        ExampleReason.RehearsalKeep => "rehearsal:keep",
        ExampleReason.KnownKeep => "known:keep",
        ExampleReason.UnknownRefuse => "unknown:refuse",
        ExampleReason.CertainSure => "certain:sure",
        ExampleReason.UncertainUnsure => "uncertain:unsure",
        ExampleReason.AnswerableKeep => "answerable:keep",
        ExampleReason.UnanswerableRefuse => "unanswerable:refuse",
        ExampleReason.DistractorRefuse => "distractor:refuse",
        ExampleReason.NoContextKeep => "no_context:keep",
        ExampleReason.NoContextRefuse => "no_context:refuse",
        _ => throw new ArgumentOutOfRangeException(nameof(r), r, null),
    };

    /// <summary>True when the row teaches the model to refuse or to declare itself unsure.</summary>
    public static bool IsRefusal(this ExampleReason r) => r switch
    {
        ExampleReason.UnknownRefuse or ExampleReason.UncertainUnsure or ExampleReason.UnanswerableRefuse
            or ExampleReason.DistractorRefuse or ExampleReason.NoContextRefuse => true,
        _ => false,
    };
}
