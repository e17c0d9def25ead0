using System.Text.Json;
using Rait.Core;
using Rait.Model.Chat;
using Rait.Tests;

namespace Rait.Model.Tests.Chat;

public sealed class ChatTemplateDetectorTests
{
    // Template fragments in their shipped form (trimmed to the parts the detector looks at).
    private const string Qwen25 = "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}{%- else %}{{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}{%- endif %}";
    private const string Qwen2 = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}";
    private const string SmolLm2 = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}{% endif %}{% endfor %}";
    private const string PlainChatMl = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n'}}{% endfor %}";
    private const string Llama30 = "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}";
    private const string Llama31 = "{{- \"<|start_header_id|>system<|end_header_id|>\\n\\n\" }}{{- \"Cutting Knowledge Date: December 2023\\n\" }}";
    private const string MistralV01 = "{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token + ' ' }}{% endif %}";
    private const string Llama2 = "{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}{% endif %}{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% endif %}";
    private const string MistralV03 = "{%- if loop.last and system_message is defined %}{{- \"[INST] \" + system_message + \"\\n\\n\" + message[\"content\"] + \"[/INST]\" }}{%- else %}{{- \"[INST] \" + message[\"content\"] + \"[/INST]\" }}{%- endif %}";
    private const string Gemma2 = "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}";
    private const string Gemma3 = "{%- set first_user_prefix = messages[0]['content'] + '\\n\\n' -%}{{ '<start_of_turn>' + role + '\\n' + (first_user_prefix if loop.first else \"\") }}";
    private const string MistralV02 = "{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}{% endif %}";

    [Theory]
    [InlineData(Qwen25, "qwen2.5")]
    [InlineData(Qwen2, "qwen2")]
    [InlineData(SmolLm2, "smollm2")]
    [InlineData(PlainChatMl, "chatml")]
    [InlineData(Llama30, "llama3")]
    [InlineData(Llama31, "llama3.1")]
    [InlineData(MistralV01, "mistral-v0.1")]
    [InlineData(MistralV02, "mistral-v0.2")]
    [InlineData(MistralV03, "mistral-v0.3")]
    [InlineData(Llama2, "llama2")]
    [InlineData(Gemma2, "gemma")]
    [InlineData(Gemma3, "gemma3")]
    public void Detect_KnownTemplate_PicksFamily(string template, string expected)
    {
        var dir = WriteConfig(new Dictionary<string, object?> { ["chat_template"] = template });
        ChatTemplateDetector.Detect(dir)!.Name.ShouldBe(expected);
    }

    [Fact]
    public void Detect_Qwen3Fixture_PicksQwen3()
    {
        var t = ChatTemplateDetector.Detect(RepoPaths.Fixture("tokenizers", "qwen3"));
        t.ShouldBeOfType<Qwen3ChatTemplate>().EnableThinking.ShouldBeFalse();
        ChatTemplateDetector.Detect(RepoPaths.Fixture("tokenizers", "qwen3"), new ChatTemplateOptions(Thinking: true))
            .ShouldBeOfType<Qwen3ChatTemplate>().EnableThinking.ShouldBeTrue();
        t.StopTokens.ShouldContain("<|im_end|>");
    }

    [Fact]
    public void Detect_NoTemplate_ReturnsNull()
    {
        ChatTemplateDetector.Detect(RepoPaths.Fixture("tinystories-656k")).ShouldBeNull();
    }

    [Fact]
    public void Detect_ListForm_UsesDefaultEntry()
    {
        var dir = WriteConfig(new Dictionary<string, object?>
        {
            ["chat_template"] = new object[]
            {
                new Dictionary<string, string> { ["name"] = "tool_use", ["template"] = Llama31 },
                new Dictionary<string, string> { ["name"] = "default", ["template"] = Qwen25 },
            },
        });
        ChatTemplateDetector.Detect(dir)!.Name.ShouldBe("qwen2.5");
    }

    [Fact]
    public void Detect_JinjaFile_WinsOverConfig()
    {
        var dir = WriteConfig(new Dictionary<string, object?> { ["chat_template"] = Qwen25 });
        File.WriteAllText(Path.Combine(dir, "chat_template.jinja"), Llama31);
        ChatTemplateDetector.Detect(dir)!.Name.ShouldBe("llama3.1");
    }

    [Theory]
    [InlineData("{{ messages }}", "an unknown template is not supported (sha256 ")]
    [InlineData("{{ '[SYSTEM_PROMPT]' }}[INST]", "[SYSTEM_PROMPT]")]
    public void Detect_UnsupportedTemplate_ThrowsNamingFile(string template, string fragment)
    {
        var dir = WriteConfig(new Dictionary<string, object?> { ["chat_template"] = template });
        var ex = Should.Throw<RaitException>(() => ChatTemplateDetector.Detect(dir));
        ex.Message.ShouldContain("tokenizer_config.json: chat_template");
        ex.Message.ShouldContain(fragment);
        ex.Message.ShouldContain("supported: chatml, qwen2, qwen2.5, smollm2, qwen3, llama2, llama3, llama3.1, mistral-v0.1, mistral-v0.2, mistral-v0.3, gemma, gemma3");
    }

    [Fact]
    public void Detect_UnknownTemplate_NamesItsStartAndHash()
    {
        const string template = "{% for m in messages %}<|user|>{{ m.content }}{% endfor %}";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(template)))[..12];
        var ex = Should.Throw<RaitException>(() => ChatTemplateDetector.FromTemplate(template, "m/tokenizer_config.json"));
        ex.Message.ShouldContain($"sha256 {hash}, starting \"{template}\"");
    }

    [Fact]
    public void Detect_Llama31_UsesGivenDate()
    {
        var dir = WriteConfig(new Dictionary<string, object?> { ["chat_template"] = Llama31 });
        ChatTemplateDetector.Detect(dir, new ChatTemplateOptions(Date: new DateOnly(2025, 3, 4)))
            .ShouldBeOfType<Llama3ChatTemplate>().DateString.ShouldBe("04 Mar 2025");
    }

    [Fact]
    public void Detect_MalformedConfig_ThrowsNamingFile()
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), "{ \"chat_template\": ");
        Should.Throw<RaitException>(() => ChatTemplateDetector.Detect(dir)).Message.ShouldContain("tokenizer_config.json: not valid JSON");
    }

    private static string WriteConfig(Dictionary<string, object?> config)
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), JsonSerializer.Serialize(config));
        return dir;
    }
}
