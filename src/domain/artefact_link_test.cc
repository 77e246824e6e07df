#include "domain/artefact_link.h"

#include <gtest/gtest.h>

namespace covalue {
namespace {

TEST(ArtefactLinks, FindsPersonasAndMapsInOrderOnce) {
  const auto links = ArtefactLinksIn(
      "Our persona: [Persona: Anna](/personas/12).\n\n[Map: Clinic](/process-maps/7) and again "
      "[Anna](/personas/12), [from elsewhere](https://covalue.example/process-maps/9#costs)");
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0], (ArtefactLink{ArtefactKind::kPersona, 12}));
  EXPECT_EQ(links[1], (ArtefactLink{ArtefactKind::kProcessMap, 7}));
  EXPECT_EQ(links[2], (ArtefactLink{ArtefactKind::kProcessMap, 9}));
}

TEST(ArtefactLinks, IgnoresWhatIsNotALinkToOne) {
  EXPECT_TRUE(ArtefactLinksIn("/personas/12 written out, not linked").empty());
  EXPECT_TRUE(ArtefactLinksIn("[x](/personas/abc) [y](/personas/0) [z](/personas/-3)").empty());
  EXPECT_TRUE(ArtefactLinksIn("[x](/personas/12/edit) [y](/teams/1/personas/12)").empty());
  EXPECT_TRUE(ArtefactLinksIn("[x](https://h/a/process-maps/3) [unclosed](/personas/4").empty());
  EXPECT_TRUE(ArtefactLinksIn("[x](/personas/99999999999999999999)").empty());
  EXPECT_EQ(ArtefactLinksIn("[x](/personas/5?lang=sv)").size(), 1u);
}

}  // namespace
}  // namespace covalue
