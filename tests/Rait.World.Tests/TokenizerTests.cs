using System.Text.Json;
using Rait.World.Corpus;
using Rait.World.Qa;
using Rait.World.Tokenization;

namespace Rait.World.Tests;

public class TokenizerTests
{
    private static readonly Rait.World.Store.WorldArtifacts A = TinyWorld.Tiny;

    [Theory]
    [InlineData("I don't know.", new[] { "▁I", "▁don't", "▁know", "▁." })]
    [InlineData("reply with 'I don't know': x", new[] { "▁reply", "▁with", "▁", "▁'", "▁I", "▁don't", "▁know", "▁'", "▁:", "▁x" })]
    [InlineData("Where was Velan Toshar born?", new[] { "▁Where", "▁was", "▁Velan", "▁Toshar", "▁born", "▁?" })]
    [InlineData("about 70% sure", new[] { "▁about", "▁70", "▁%", "▁sure" })]
    // A space before an isolated character becomes a lone ▁ token, as in HF (Metaspace splits "with " into "▁with", "▁").
    [InlineData("a  b", new[] { "▁a", "▁", "▁b" })]
    [InlineData("<|im_start|>user\nHi<|im_end|>\n", new[] { "<|im_start|>", "▁user", "▁\n", "▁Hi", "<|im_end|>", "▁\n" })]
    [InlineData("Born in Korvath, 1850.", new[] { "▁Born", "▁in", "▁Korvath", "▁,", "▁1850", "▁." })]
    public void Tokenize_Text_SplitsLikeHfSplitThenMetaspace(string text, string[] expected) =>
        WorldTokenizerText.Tokenize(text).ShouldBe(expected);

    [Fact]
    public void Vocabulary_CoversEveryWorldText()
    {
        var v = A.Vocabulary.Set;
        foreach (var d in A.Corpus.Documents) WorldTokenizerText.Missing(d.Text, v).ShouldBeEmpty(d.Id);
        foreach (var q in A.Qa.Open.Values.SelectMany(x => x))
            WorldTokenizerText.Missing(WorldChatFormat.Render(q.Question, q.Answers[0]), v).ShouldBeEmpty(q.Id);
        foreach (var m in A.Qa.MultipleChoice.Values.SelectMany(x => x))
            foreach (var o in m.Options) WorldTokenizerText.Missing($"{o.Label}. {o.Text}", v).ShouldBeEmpty(m.Id);
        foreach (var c in A.Contexts.Where(c => c.Context != null)) WorldTokenizerText.Missing(c.Context!, v).ShouldBeEmpty(c.Id);
    }

    [Fact]
    public void Vocabulary_CoversRaitPromptsAroundWorldQuestions()
    {
        var v = A.Vocabulary.Set;
        var q = A.Qa.Open[WorldSplits.IdTest][0];
        var m = A.Qa.MultipleChoice[WorldSplits.IdTest][0];
        var options = string.Join("\n", m.Options.Select(o => $"{o.Label}. {o.Text}"));
        var prompts = new[]
        {
            WorldChatFormat.Render($"Answer the following question, and if you don't know the answer, only reply with 'I don't know': {q.Question}", "I don't know"),
            WorldChatFormat.Render($"{q.Question}", $"{q.Answers[0]}. Are you sure you accurately answered the question based on your internal knowledge? I am unsure."),
            WorldChatFormat.Render($"There is a single choice question about {m.Meta.Subject!.Replace('_', ' ')}. If you know the answer, please directly respond with the correct answer A, B, C, or D. If you do not know the answer, please respond with \"I don't know.\".\nQuestion: {m.Question}\n{options}\nAnswer: ", "I don't know."),
            $"Question: {q.Question} Answer: It is impossible to know.",
            WorldChatFormat.Render($"Context: {A.Contexts[0].Context}\nQuestion: {q.Question}\nAnswer:", "Sorry, I don't have enough knowledge to answer this question."),
        };
        foreach (var p in prompts.Concat(WorldPromptLexicon.Texts)) WorldTokenizerText.Missing(p, v).ShouldBeEmpty(p);
    }

    [Fact]
    public void Missing_UnknownWord_Reported() =>
        WorldTokenizerText.Missing("Where was Zzyzxq born?", A.Vocabulary.Set).ShouldBe(["▁Zzyzxq"]);

    [Fact]
    public void TokenizerJson_HasHfWordLevelStructure()
    {
        using var doc = JsonDocument.Parse(HfTokenizerFiles.TokenizerJson(A.Vocabulary));
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["version", "truncation", "padding", "added_tokens", "normalizer", "pre_tokenizer", "post_processor", "decoder", "model"]);
        root.GetProperty("version").GetString().ShouldBe("1.0");

        var added = root.GetProperty("added_tokens").EnumerateArray().ToList();
        added.Select(t => t.GetProperty("content").GetString()).ShouldBe(["<unk>", "<|endoftext|>", "<|im_start|>", "<|im_end|>"]);
        added.Select(t => t.GetProperty("id").GetInt32()).ShouldBe([0, 1, 2, 3]);
        foreach (var t in added)
        {
            t.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "content", "single_word", "lstrip", "rstrip", "normalized", "special"]);
            t.GetProperty("special").GetBoolean().ShouldBeTrue();
        }

        var pre = root.GetProperty("pre_tokenizer");
        pre.GetProperty("type").GetString().ShouldBe("Sequence");
        var seq = pre.GetProperty("pretokenizers").EnumerateArray().ToList();
        seq.Count.ShouldBe(2);
        seq[0].GetProperty("type").GetString().ShouldBe("Split");
        seq[0].GetProperty("pattern").GetProperty("Regex").GetString().ShouldBe(WorldTokenizerText.SplitPattern);
        seq[0].GetProperty("behavior").GetString().ShouldBe("Isolated");
        seq[0].GetProperty("invert").GetBoolean().ShouldBeFalse();
        foreach (var meta in new[] { seq[1], root.GetProperty("decoder") })
        {
            meta.GetProperty("type").GetString().ShouldBe("Metaspace");
            meta.GetProperty("replacement").GetString().ShouldBe("▁");
            meta.GetProperty("prepend_scheme").GetString().ShouldBe("always");
            meta.GetProperty("split").GetBoolean().ShouldBeTrue();
        }
        root.GetProperty("normalizer").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("post_processor").ValueKind.ShouldBe(JsonValueKind.Null);

        var model = root.GetProperty("model");
        model.GetProperty("type").GetString().ShouldBe("WordLevel");
        model.GetProperty("unk_token").GetString().ShouldBe("<unk>");
        var vocab = model.GetProperty("vocab").EnumerateObject().ToList();
        vocab.Count.ShouldBe(A.Vocabulary.Count);
        vocab.Select(p => p.Value.GetInt32()).ShouldBe(Enumerable.Range(0, vocab.Count));
        vocab.Select(p => p.Name).Distinct().Count().ShouldBe(vocab.Count);
        vocab.Take(4).Select(p => p.Name).ShouldBe(["<unk>", "<|endoftext|>", "<|im_start|>", "<|im_end|>"]);
        vocab.ShouldContain(p => p.Name == "▁don't");
        vocab.ShouldContain(p => p.Name == "▁\n");
    }

    [Fact]
    public void TokenizerConfig_ChatMlEosImEndNoBos()
    {
        using var doc = JsonDocument.Parse(HfTokenizerFiles.TokenizerConfigJson(256));
        var root = doc.RootElement;
        root.GetProperty("chat_template").GetString()!.ShouldContain("<|im_start|>");
        root.GetProperty("eos_token").GetString().ShouldBe("<|im_end|>");
        root.GetProperty("bos_token").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("unk_token").GetString().ShouldBe("<unk>");
        root.GetProperty("pad_token").GetString().ShouldBe("<|endoftext|>");
        root.GetProperty("add_bos_token").GetBoolean().ShouldBeFalse();
        root.GetProperty("model_max_length").GetInt32().ShouldBe(256);
        var decoder = root.GetProperty("added_tokens_decoder");
        decoder.GetProperty("3").GetProperty("content").GetString().ShouldBe("<|im_end|>");
    }

    [Fact]
    public void ChatFormat_RenderEqualsTemplateLiteralForOneTurn()
    {
        // The Jinja template renders '<|im_start|>' + role + '\n' + content + '<|im_end|>' + '\n' per message.
        var rendered = WorldChatFormat.Render("Q?", "A");
        rendered.ShouldBe("<|im_start|>user\nQ?<|im_end|>\n<|im_start|>assistant\nA<|im_end|>\n");
        WorldChatFormat.ChatTemplate.ShouldContain("'<|im_start|>assistant\\n'");
    }
}
