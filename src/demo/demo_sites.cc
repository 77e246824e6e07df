#include "demo/demo_sites.h"

namespace covalue::demo {

// Fictional names only; the populations follow the community of practice in the seeds.
constexpr DemoSite kSites[] = {
    {"norrbacka", "Norrbacka Region Health", "SE", "People living with cancer",
     "Adults in active oncological treatment and follow-up", "Norrbacka Cancer Care Team"},
    {"vastera", "Västerå Health System", "SE", "People with MS",
     "Adults with multiple sclerosis of every course", "Västerå MS Team"},
    {"fjordvik", "Fjordvik Hospital Trust", "NO", "People with MS",
     "Adults with multiple sclerosis followed at the neurology clinic", "Fjordvik MS Team"},
    {"lindholmen", "Lindholmen Psychiatry", "SE", "People with mental illness",
     "Adults in specialist outpatient mental health care", "Lindholmen Recovery Team"},
    {"elmbrook", "Elmbrook Health System", "US", "Older adults with depression",
     "People aged 65 and over treated for depression in primary care", "Elmbrook Late-Life Team"},
    {"solvang", "Solvang Heart Centre", "NO", "People with heart failure",
     "Adults with chronic heart failure after a first admission", "Solvang Heart Failure Team"},
    {"riverside", "Riverside Community Health", "US", "People with heart failure",
     "Adults with heart failure in community cardiology", "Riverside Heart Team"},
    {"harbourside", "Harbourside Home Care", "GB", "People receiving home care",
     "Housebound adults receiving nursing and social care at home", "Harbourside Home Care Team"},
    {"kingsmere", "Kingsmere Health Partnership", "GB", "People with morbid obesity",
     "Adults with a BMI of 40 or more in specialist weight management", "Kingsmere Weight Team"},
    {"prairie", "Prairie Valley Clinics", "US", "People with diabetes",
     "Adults with type 1 or type 2 diabetes", "Prairie Valley Diabetes Team"},
    {"northgate", "Northgate Recovery Services", "GB", "People with opiate use disorder",
     "Adults in medication-assisted treatment for opiate use disorder", "Northgate Recovery Team"},
    {"bergli", "Bergli Epilepsy Centre", "NO", "People with epilepsy",
     "Children and adults with epilepsy", "Bergli Epilepsy Team"},
};

std::span<const DemoSite> DemoSites() { return kSites; }

}  // namespace covalue::demo
