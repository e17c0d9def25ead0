using System.Text.Json.Nodes;
using Rait.Core;
using Rait.Model.Llama;

namespace Rait.Model.Tests.Llama;

/// <summary>How config.json's sliding-window and rope_scaling fields are read, following transformers' config classes.</summary>
public sealed class LongContextConfigTests
{
    private const string Path = "models/x/config.json";

    private static LlamaConfig Parse(string type, string extra, List<string>? warnings = null) =>
        HfConfigReader.Parse(JsonNode.Parse($$"""
            {"model_type": "{{type}}", "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 4, "num_attention_heads": 4,
             "vocab_size": 40, "max_position_embeddings": 32768 {{extra}} }
            """)!.AsObject(), Path, warnings ?? []);

    private static int[] Sliding(LlamaConfig c) => Enumerable.Range(0, c.NumLayers).Where(c.IsSliding).ToArray();

    [Fact]
    public void MistralV01_SlidesEveryLayerWithItsWindow()
    {
        var c = Parse("mistral", """, "sliding_window": 4096""");
        c.SlidingWindow.ShouldBe(4096);
        Sliding(c).ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public void Mistral_WithoutTheKey_GetsTransformersDefaultWindow_AndNullMeansFullAttention()
    {
        Parse("mistral", "").SlidingWindow.ShouldBe(4096);
        Parse("mistral", """, "sliding_window": null""").SlidingWindow.ShouldBeNull();
    }

    [Fact]
    public void Qwen2_SlidesOnlyWhenEnabled_FromMaxWindowLayersOn()
    {
        Parse("qwen2", """, "sliding_window": 4096, "max_window_layers": 2""").SlidingWindow.ShouldBeNull();
        var c = Parse("qwen2", """, "use_sliding_window": true, "sliding_window": 4096, "max_window_layers": 2""");
        c.SlidingWindow.ShouldBe(4096);
        Sliding(c).ShouldBe([2, 3]);
        Sliding(Parse("qwen3", """, "use_sliding_window": true, "sliding_window": 64""")).ShouldBeEmpty(); // default max_window_layers 28
    }

    [Fact]
    public void LayerTypes_NameTheSlidingLayers()
    {
        var c = Parse("qwen3", """, "use_sliding_window": true, "sliding_window": 64, "max_window_layers": 0, "layer_types": ["sliding_attention", "full_attention", "sliding_attention", "full_attention"]""");
        Sliding(c).ShouldBe([0, 2]);
    }

    [Theory]
    [InlineData("""["sliding_attention"]""", "4 entries")]
    [InlineData("""["sliding_attention", "full_attention", "chunked_attention", "full_attention"]""", "layer_types[2]")]
    public void BadLayerTypes_ErrorNamesTheField(string value, string expected)
    {
        var e = Should.Throw<RaitException>(() => Parse("qwen2", $$""", "use_sliding_window": true, "sliding_window": 8, "layer_types": {{value}}"""));
        e.Message.ShouldStartWith(Path);
        e.Message.ShouldContain(expected);
    }

    [Fact]
    public void Llama_IgnoresSlidingWindow_WithAWarning()
    {
        var warnings = new List<string>();
        Parse("llama", """, "sliding_window": 4096""", warnings).SlidingWindow.ShouldBeNull();
        warnings.ShouldHaveSingleItem().ShouldContain("sliding_window");
    }

    [Fact]
    public void Qwen25YarnSetting_ExtendsTheContextFourfold()
    {
        var c = Parse("qwen2", """, "rope_scaling": {"factor": 4.0, "original_max_position_embeddings": 32768, "type": "yarn"}""");
        c.RopeScaling.ShouldBe(new YarnRopeScaling(4.0, 32768));
        c.ContextLength.ShouldBe(131072);
    }

    [Fact]
    public void LinearScaling_KeepsTheConfiguredContext()
    {
        var c = Parse("llama", """, "rope_scaling": {"type": "linear", "factor": 4.0}""");
        c.RopeScaling.ShouldBe(new LinearRopeScaling(4.0));
        c.ContextLength.ShouldBe(32768);
    }

    [Theory]
    [InlineData("""{"rope_type": "dynamic", "factor": 2.0}""", "\"dynamic\" is not supported")]
    [InlineData("""{"rope_type": "longrope", "short_factor": [1], "long_factor": [1]}""", "\"longrope\" is not supported")]
    [InlineData("""{"rope_type": "yarn", "factor": 4.0, "finetuned": true}""", "finetuned")]
    [InlineData("""{"rope_type": "linear"}""", "rope_scaling.factor")]
    [InlineData("""{"rope_type": "yarn", "factor": 0}""", "factor")]
    public void UnsupportedOrIncompleteScaling_ErrorNamesIt(string scaling, string expected)
    {
        var e = Should.Throw<RaitException>(() => Parse("qwen2", $", \"rope_scaling\": {scaling}"));
        e.Message.ShouldStartWith(Path);
        e.Message.ShouldContain(expected);
    }

    [Fact]
    public void NonPositiveWindow_IsAnError() =>
        Should.Throw<RaitException>(() => Parse("mistral", """, "sliding_window": 0""")).Message.ShouldContain("sliding_window");
}
