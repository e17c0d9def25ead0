using System.Text;
using Rait.Core.Endpoints;
using Rait.Tests;

namespace Rait.Core.Tests.Endpoints;

/// <summary>The endpoint fingerprint covers what the server reports about the model, not only URL and name.</summary>
public sealed class EndpointModelTests
{
    private static LoopbackHttpServer Serving(Func<string> modelsBody) => new(async ctx =>
    {
        var bytes = Encoding.UTF8.GetBytes(ctx.Request.Url!.AbsolutePath == "/v1/models" ? modelsBody() : "{}");
        ctx.Response.StatusCode = ctx.Request.Url!.AbsolutePath == "/v1/models" ? 200 : 404;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.OutputStream.WriteAsync(bytes);
        ctx.Response.Close();
    });

    private static string Entry(string id, long created, int maxLen) =>
        $$"""{"object": "list", "data": [{"id": "other", "object": "model", "created": 1, "owned_by": "x"}, {"id": "{{id}}", "object": "model", "created": {{created}}, "owned_by": "vllm", "max_model_len": {{maxLen}}}]}""";

    [Fact]
    public void Fingerprint_ChangesWithTheServersModelEntry_StableOtherwise()
    {
        // Given a server whose /v1/models entry for "m" can change behind the same URL and name
        var body = Entry("m", 100, 4096);
        using var server = Serving(() => body);
        var model = new EndpointModel { Endpoint = server.BaseUrl, Name = "m" };

        // When the entry is unchanged, redeployed (created) or reconfigured (max_model_len)
        var first = model.Fingerprint();
        var again = model.Fingerprint();
        body = Entry("m", 200, 4096);
        var redeployed = model.Fingerprint();
        body = Entry("m", 200, 8192);
        var longer = model.Fingerprint();

        // Then only a change of the entry changes the fingerprint
        first.ShouldStartWith("endpoint-");
        again.ShouldBe(first);
        redeployed.ShouldNotBe(first);
        longer.ShouldNotBe(redeployed);
    }

    [Fact]
    public void Fingerprint_ModelNotListed_NamesTheModelAndWhatIsServed()
    {
        using var server = Serving(() => Entry("m", 100, 4096));

        var e = Should.Throw<RaitException>(() => new EndpointModel { Endpoint = server.BaseUrl, Name = "llama", Concurrency = 1 }.Fingerprint());

        e.Message.ShouldContain("does not list model \"llama\"");
        e.Message.ShouldContain("\"m\"");
    }
}
