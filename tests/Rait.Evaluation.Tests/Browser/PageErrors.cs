using System.Text.Json;

namespace Rait.Evaluation.Tests.Browser;

/// <summary>Turns DevTools events into readable error lines: uncaught exceptions, console.error/assert and error log entries (failed loads).</summary>
internal static class PageErrors
{
    public static IReadOnlyList<string> From(IEnumerable<DevToolsEvent> events) =>
        events.Select(Describe).OfType<string>().ToList();

    private static string? Describe(DevToolsEvent e) => e.Method switch
    {
        "Runtime.exceptionThrown" => "exception: " + Exception(e.Params.GetProperty("exceptionDetails")),
        "Runtime.consoleAPICalled" when e.Params.GetProperty("type").GetString() is "error" or "assert" =>
            "console." + e.Params.GetProperty("type").GetString() + ": "
            + string.Join(" ", e.Params.GetProperty("args").EnumerateArray().Select(Value)),
        "Log.entryAdded" when e.Params.GetProperty("entry").GetProperty("level").GetString() == "error" =>
            "log: " + e.Params.GetProperty("entry").GetProperty("text").GetString()
            + (e.Params.GetProperty("entry").TryGetProperty("url", out var url) ? " (" + url.GetString() + ")" : ""),
        _ => null,
    };

    private static string Exception(JsonElement details) =>
        details.TryGetProperty("exception", out var ex) && ex.TryGetProperty("description", out var d)
            ? d.GetString() ?? "" : details.GetProperty("text").GetString() ?? "";

    private static string Value(JsonElement arg) =>
        arg.TryGetProperty("value", out var v) ? v.ToString() : arg.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "?";
}
