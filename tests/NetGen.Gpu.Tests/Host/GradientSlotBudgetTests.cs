using NetGen.Ilgpu;

namespace NetGen.Gpu.Tests.Host;

/// <summary>The default number of gradient slots: min(maxBatchSize, budget / max(parameters, scratch)), at least 1.</summary>
[Collection("Gpu")]
public sealed class GradientSlotBudgetTests
{
    private readonly AcceleratorFixture _fixture;

    public GradientSlotBudgetTests(AcceleratorFixture fixture) => _fixture = fixture;

    [Fact]
    public void Without_an_accelerator_or_a_batch_it_is_one()
    {
        Assert.Equal(1, GradientSlotBudget.DefaultSlots(null, 100, 10, 0));
        Assert.Equal(1, GradientSlotBudget.DefaultSlots(_fixture.Accelerator, 0, 10, 0));
        Assert.Equal(1, GradientSlotBudget.DefaultSlots(_fixture.Accelerator, -5, 10, 0));
    }

    [Fact]
    public void On_the_cpu_accelerator_the_budget_is_two_to_the_26_floats()
    {
        if (TestAccelerators.Kind != "cpu") return; // a GPU's budget depends on its memory
        Assert.Equal(7, GradientSlotBudget.DefaultSlots(_fixture.Accelerator, 7, 10, 0));
        Assert.Equal(64, GradientSlotBudget.DefaultSlots(_fixture.Accelerator, 1000, 1 << 20, 0));
        // The larger of the gradient slot and the scratch counts.
        Assert.Equal(16, GradientSlotBudget.DefaultSlots(_fixture.Accelerator, 1000, 10, 1 << 22));
        // A slot larger than the budget still gets one thread.
        Assert.Equal(1, GradientSlotBudget.DefaultSlots(_fixture.Accelerator, 1000, 1 << 27, 0));
    }

    [Fact]
    public void The_trainer_default_applies_the_rule_to_its_network()
    {
        Assert.Equal(
            GradientSlotBudget.DefaultSlots(_fixture.Accelerator, 100_000, Mnist.ParameterCount, default(Mnist.NetGenGpuKernels).ScratchSize),
            Mnist.GpuTrainer.DefaultGradientSlots(_fixture.Accelerator, 100_000));
        Assert.Equal(5, LinearTrainer<PlainSgd>.DefaultGradientSlots(_fixture.Accelerator, 5));
    }
}
