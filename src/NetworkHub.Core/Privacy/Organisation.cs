using NetworkHub.Contracts.V1;

namespace NetworkHub.Core.Privacy;

/// <summary>A partner organisation as the policy needs to know it.</summary>
public sealed record Organisation(string Code, string Name, OrganisationType Type);

/// <summary>Looks up partner organisations by code. The partner registry implements it.</summary>
public interface IOrganisationDirectory
{
    Organisation? Find(string code);
}
