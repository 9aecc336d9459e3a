namespace NetGen.Tests.Networks;

/// <summary>
/// The test networks' common interface: now simply the runtime's <see cref="NetGen.INetwork"/>, which every generated
/// network implements (kept as a name so that the test networks' declarations stay as they are).
/// </summary>
public interface INetwork : NetGen.INetwork
{
}
