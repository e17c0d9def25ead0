using System.Diagnostics;
using Rait.Server.Tests.Support;
using Rait.Tests;
using Xunit.Abstractions;

namespace Rait.Server.Tests;

/// <summary>The npm <c>openai</c> package (tests/node-client) drives the server: chat, streaming, logprobs, streamed logprobs
/// that arrive before generation ends, a 404.</summary>
public sealed class NodeClientTests(TinyStoriesServer fx, ITestOutputHelper output) : IClassFixture<TinyStoriesServer>
{
    [Fact]
    public async Task NodeOpenAiClient_ChatStreamingLogprobs_Succeeds()
    {
        var dir = Path.Combine(RepoPaths.Root, "tests", "node-client");
        if (!Directory.Exists(Path.Combine(dir, "node_modules")))
        {
            // In CI the install step must have run; locally a missing install only skips this check.
            Environment.GetEnvironmentVariable("CI").ShouldNotBe("true",
                "tests/node-client/node_modules is missing: CI must run `npm ci --prefix tests/node-client` before the tests.");
            output.WriteLine("skipped: run `npm ci --prefix tests/node-client` to enable the Node client check");
            return;
        }
        var psi = new ProcessStartInfo("node", "client.mjs")
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.Environment["OPENAI_BASE_URL"] = fx.Server.Address + "/v1";
        psi.Environment["OPENAI_API_KEY"] = TestServer.Key;
        psi.Environment["RAIT_MODEL"] = fx.ModelId;
        using var node = Process.Start(psi)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        output.WriteLine(await stdout);
        node.ExitCode.ShouldBe(0, await stderr);
        (await stdout).ShouldContain("\"ok\":true");
    }
}
