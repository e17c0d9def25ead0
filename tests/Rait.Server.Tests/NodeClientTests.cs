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
        // A missing install fails the test with the command that fixes it: a check that does not run must not pass.
        File.Exists(Path.Combine(dir, "node_modules", "openai", "package.json")).ShouldBeTrue(
            "tests/node-client/node_modules has no openai package: run ./test (it installs it) or `npm ci --prefix tests/node-client --no-audit --no-fund`.");
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
