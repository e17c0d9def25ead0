using Rait.Core;
using Rait.Core.Records;
using Rait.Model.Chat;

namespace Rait.Model.Tests.Chat;

public sealed class ChatTemplateRenderTests
{
    private static readonly ChatMessage[] Conversation =
        [ChatMessage.User("What is 2+2?"), ChatMessage.Assistant("4"), ChatMessage.User("And 3+3?")];

    [Fact]
    public void Render_Qwen25WithoutSystem_InjectsDefaultSystem()
    {
        ChatMlTemplate.Qwen25.Render([ChatMessage.User("Hi")], addGenerationPrompt: true).ShouldBe(
            "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n" +
            "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    [Fact]
    public void Render_Qwen2WithSystem_UsesGivenSystemAndAllTurns()
    {
        ChatMlTemplate.Qwen2.Render([ChatMessage.System("Be brief."), .. Conversation], addGenerationPrompt: false).ShouldBe(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n" +
            "<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n");
    }

    [Fact]
    public void Render_Qwen2WithoutSystem_InjectsHelpfulAssistant()
    {
        ChatMlTemplate.Qwen2.Render([ChatMessage.User("Hi")], false).ShouldBe(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n");
    }

    [Fact]
    public void Render_SmolLm2_InjectsSmolLmSystemWithoutPeriod()
    {
        ChatMlTemplate.SmolLm2.Render([ChatMessage.User("Hi")], true).ShouldBe(
            "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n" +
            "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    [Fact]
    public void Render_Qwen3ThinkingDefault_NoSystemNoThinkBlockInPrompt()
    {
        new Qwen3ChatTemplate().Render([ChatMessage.User("Hi")], true)
            .ShouldBe("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    }

    [Fact]
    public void Render_Qwen3ThinkingOff_AppendsEmptyThinkBlock()
    {
        new Qwen3ChatTemplate(enableThinking: false).Render([ChatMessage.System("S"), ChatMessage.User("Hi")], true)
            .ShouldBe("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n");
    }

    [Fact]
    public void Render_Qwen3History_StripsOldThinkingAndWrapsFinalAnswer()
    {
        ChatMessage[] msgs =
        [
            ChatMessage.User("Q1"), ChatMessage.Assistant("<think>\nhmm\n</think>\n\nA1"),
            ChatMessage.User("Q2"), ChatMessage.Assistant("A2"),
        ];
        new Qwen3ChatTemplate().Render(msgs, false).ShouldBe(
            "<|im_start|>user\nQ1<|im_end|>\n<|im_start|>assistant\nA1<|im_end|>\n" +
            "<|im_start|>user\nQ2<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\nA2<|im_end|>\n");
    }

    [Fact]
    public void Render_Llama30WithSystem_SystemBlockAndBos()
    {
        Llama3ChatTemplate.V30.Render([ChatMessage.System(" Be brief. "), ChatMessage.User("Hi\n")], true).ShouldBe(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    [Fact]
    public void Render_Llama30WithoutSystem_NoSystemBlock()
    {
        Llama3ChatTemplate.V30.Render([ChatMessage.User("Hi")], false)
            .ShouldBe("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>");
    }

    [Fact]
    public void Render_Llama31WithoutSystem_AlwaysWritesKnowledgeDateBlock()
    {
        Llama3ChatTemplate.V31().Render([ChatMessage.User("Hi")], true).ShouldBe(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n" +
            "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    [Fact]
    public void Render_Llama31WithSystem_SystemAfterDates()
    {
        Llama3ChatTemplate.V31().Render([ChatMessage.System("Be brief."), ChatMessage.User("Hi"), ChatMessage.Assistant("Hello")], false).ShouldBe(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n" +
            "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nBe brief.<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHello<|eot_id|>");
    }

    [Fact]
    public void Render_MistralV02_InstBlocksWithoutSpaceAfterEos()
    {
        MistralChatTemplate.V02.Render(Conversation, true)
            .ShouldBe("<s>[INST] What is 2+2? [/INST]4</s>[INST] And 3+3? [/INST]");
    }

    [Fact]
    public void Render_MistralV01_SpaceAfterEos()
    {
        MistralChatTemplate.V01.Render(Conversation, false)
            .ShouldBe("<s>[INST] What is 2+2? [/INST]4</s> [INST] And 3+3? [/INST]");
    }

    [Fact]
    public void Render_MistralSystem_ThrowsClearError()
    {
        Should.Throw<RaitException>(() => MistralChatTemplate.V02.Render([ChatMessage.System("S"), ChatMessage.User("U")], true))
            .Message.ShouldContain("no system role");
    }

    [Fact]
    public void Render_MistralTwoUsersInARow_ThrowsAlternationError()
    {
        Should.Throw<RaitException>(() => MistralChatTemplate.V02.Render([ChatMessage.User("a"), ChatMessage.User("b")], true))
            .Message.ShouldContain("alternating");
    }

    public static TheoryData<IChatTemplate> PrefixTemplates() =>
        [ChatMlTemplate.Qwen25, ChatMlTemplate.SmolLm2, new Qwen3ChatTemplate(enableThinking: false), Llama3ChatTemplate.V30, Llama3ChatTemplate.V31()];

    [Theory]
    [MemberData(nameof(PrefixTemplates))]
    public void Render_PromptWithGenerationPrompt_IsPrefixOfFullConversation(IChatTemplate template)
    {
        ChatMessage[] full = [ChatMessage.System("S"), ChatMessage.User("Q"), ChatMessage.Assistant("A")];
        var prompt = template.Render(full[..^1], addGenerationPrompt: true);
        var whole = template.Render(full, addGenerationPrompt: false);
        whole.ShouldStartWith(prompt);
        whole.Length.ShouldBeGreaterThan(prompt.Length);
    }
}
