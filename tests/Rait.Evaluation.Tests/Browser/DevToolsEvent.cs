using System.Text.Json;

namespace Rait.Evaluation.Tests.Browser;

/// <summary>One DevTools protocol event (e.g. Runtime.exceptionThrown) with its parameters.</summary>
internal sealed record DevToolsEvent(string Method, JsonElement Params);
