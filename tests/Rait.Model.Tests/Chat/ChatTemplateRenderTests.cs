using Rait.Core;
using Rait.Core.Records;
using Rait.Model.Chat;

namespace Rait.Model.Tests.Chat;

public sealed class ChatTemplateRenderTests
{
    private static readonly ChatMessage[] Conversation =
        [ChatMessage.User("What is 2+2?"), ChatMessage.Assistant("4"), ChatMessage.User("And 3+3?")];

    private static readonly ChatMessage[] SystemUserAssistant =
        [ChatMessage.System("Be brief."), ChatMessage.User("Hi"), ChatMessage.Assistant("Hello")];

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
        Llama3ChatTemplate.V31(Llama3ChatTemplate.Llama31TemplateDate).Render([ChatMessage.User("Hi")], true).ShouldBe(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n" +
            "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    [Fact]
    public void Render_Llama31WithSystem_SystemAfterDates()
    {
        Llama3ChatTemplate.V31(new DateOnly(2026, 12, 6)).Render(SystemUserAssistant, false).ShouldBe(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n" +
            "Cutting Knowledge Date: December 2023\nToday Date: 06 Dec 2026\n\nBe brief.<|eot_id|>" +
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
        [ChatMlTemplate.Qwen25, ChatMlTemplate.SmolLm2, new Qwen3ChatTemplate(enableThinking: false), Llama3ChatTemplate.V30, Llama3ChatTemplate.V31(),
         Llama2ChatTemplate.Instance, GemmaChatTemplate.V3];

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

    // Expected strings below are written by hand from each family's shipped Jinja chat_template.

    [Fact]
    public void Render_Qwen25SystemUserAssistant_ExactChatMl()
    {
        ChatMlTemplate.Qwen25.Render(SystemUserAssistant, false).ShouldBe(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello<|im_end|>\n");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Render_Qwen3SystemUserAssistant_FinalAnswerGetsEmptyThinkBlock(bool thinking)
    {
        new Qwen3ChatTemplate(thinking).Render(SystemUserAssistant, false).ShouldBe(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n" +
            "<|im_start|>assistant\n<think>\n\n</think>\n\nHello<|im_end|>\n");
    }

    [Fact]
    public void Render_Llama2SystemUserAssistant_SysBlockInFirstInst()
    {
        Llama2ChatTemplate.Instance.Render(SystemUserAssistant, false)
            .ShouldBe("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello </s>");
    }

    [Fact]
    public void Render_Llama2MultiTurn_BosBeforeEveryInstAndStrippedTurns()
    {
        Llama2ChatTemplate.Instance.Render([ChatMessage.User(" Q1 "), ChatMessage.Assistant("A1\n"), ChatMessage.User("Q2")], true)
            .ShouldBe("<s>[INST] Q1 [/INST] A1 </s><s>[INST] Q2 [/INST]");
    }

    [Fact]
    public void Render_MistralV03SystemUserAssistant_SystemDroppedWhenUserIsNotLast()
    {
        MistralV03ChatTemplate.Instance.Render(SystemUserAssistant, false).ShouldBe("<s>[INST] Hi[/INST] Hello</s>");
    }

    [Fact]
    public void Render_MistralV03Prompt_SystemPrependedToLastUser()
    {
        MistralV03ChatTemplate.Instance.Render([ChatMessage.System("Be brief."), .. Conversation], true)
            .ShouldBe("<s>[INST] What is 2+2?[/INST] 4</s>[INST] Be brief.\n\nAnd 3+3?[/INST]");
    }

    [Fact]
    public void Render_Gemma3SystemUserAssistant_SystemFoldedIntoFirstUserTurn()
    {
        GemmaChatTemplate.V3.Render(SystemUserAssistant, false).ShouldBe(
            "<bos><start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n<start_of_turn>model\nHello<end_of_turn>\n");
    }

    [Fact]
    public void Render_GemmaPrompt_ModelRoleGenerationPrompt()
    {
        GemmaChatTemplate.V2.Render(Conversation, true).ShouldBe(
            "<bos><start_of_turn>user\nWhat is 2+2?<end_of_turn>\n<start_of_turn>model\n4<end_of_turn>\n" +
            "<start_of_turn>user\nAnd 3+3?<end_of_turn>\n<start_of_turn>model\n");
    }

    [Fact]
    public void Render_Gemma2System_ThrowsAsItsTemplateDoes()
    {
        Should.Throw<RaitException>(() => GemmaChatTemplate.V2.Render(SystemUserAssistant, false)).Message.ShouldContain("no system role");
    }

    [Fact]
    public void Render_Llama31DefaultDate_IsTodayUtc()
    {
        var before = ChatTemplateOptions.FormatDate(DateOnly.FromDateTime(DateTime.UtcNow));
        var date = Llama3ChatTemplate.V31().DateString!;
        var after = ChatTemplateOptions.FormatDate(DateOnly.FromDateTime(DateTime.UtcNow));
        new[] { before, after }.ShouldContain(date);
        date.ShouldMatch(@"^\d\d [A-Z][a-z]{2} \d{4}$");
    }

    [Theory]
    [InlineData("<think>\nlet me see\n</think>\n\nParis", "Paris")]
    [InlineData("<think>\nstill thinking when the cap", "")]
    [InlineData("Paris", "Paris")]
    [InlineData("<think></think>A<think>x</think> B", "B")]
    public void ParseAnswer_StripsThinkingBlock(string generated, string answer)
    {
        IChatTemplate t = new Qwen3ChatTemplate(enableThinking: true);
        t.ParseAnswer(generated).ShouldBe(answer);
    }
}
