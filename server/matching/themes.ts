import type { Sector } from '../../shared/marketplace.ts';
import type { SkillCategoryId } from '../../shared/taxonomy/index.ts';

/**
 * Broad fields of work and causes that goals and projects are about. A student who "wants a marketing
 * career" and a project that is "a social campaign for a bakery" share the marketing theme even with no
 * word in common. Keywords are lemmas (what the text reader produces: "charities" → "charity").
 */
export interface Theme {
  id: string;
  /** Reads after "your goals:" — lower case unless a name. */
  label: string;
  keywords: readonly string[];
  categories?: readonly SkillCategoryId[];
  sectors?: readonly Sector[];
}

export const THEMES: readonly Theme[] = [
  { id: 'marketing', label: 'marketing', keywords: ['marketing', 'brand', 'branding', 'promote', 'promotion', 'advertising', 'advert', 'campaign', 'audience', 'publicity', 'pr'], categories: ['marketing', 'social-media'] },
  { id: 'social-media', label: 'social media', keywords: ['instagram', 'tiktok', 'facebook', 'influencer', 'social media', 'reel', 'youtube', 'follower'], categories: ['social-media'] },
  { id: 'design', label: 'design', keywords: ['design', 'designer', 'visual', 'illustration', 'graphic', 'logo', 'poster', 'typography', 'ux', 'canva'], categories: ['design'] },
  { id: 'writing', label: 'writing', keywords: ['write', 'writing', 'writer', 'journalism', 'journalist', 'blog', 'copywriting', 'storytelling', 'story', 'editorial', 'newsletter', 'article'], categories: ['writing'] },
  { id: 'media', label: 'photo and video', keywords: ['photo', 'photography', 'video', 'film', 'filmmaking', 'podcast', 'camera', 'documentary', 'youtube'], categories: ['media'] },
  { id: 'tech', label: 'tech', keywords: ['tech', 'technology', 'software', 'code', 'coding', 'app', 'developer', 'programming', 'website', 'web', 'digital', 'computer', 'ai', 'automation'], categories: ['web', 'software'] },
  { id: 'data', label: 'data', keywords: ['data', 'datum', 'analysis', 'analytics', 'analyst', 'spreadsheet', 'statistic', 'number', 'dashboard', 'insight', 'excel', 'evidence'], categories: ['data'] },
  { id: 'finance', label: 'finance', keywords: ['finance', 'financial', 'accounting', 'accountancy', 'accountant', 'bookkeeping', 'money', 'budget', 'economics', 'tax', 'invoice'], categories: ['finance'] },
  { id: 'fundraising', label: 'fundraising', keywords: ['fundraising', 'fundraise', 'grant', 'donor', 'donation', 'funding', 'funder', 'sponsorship', 'appeal'], categories: ['fundraising'] },
  { id: 'nonprofit', label: 'charities and nonprofits', keywords: ['charity', 'nonprofit', 'non-profit', 'ngo', 'voluntary', 'volunteer', 'third sector', 'cause', 'foundation', 'trust'], sectors: ['nonprofit'] },
  { id: 'social-impact', label: 'social impact', keywords: ['impact', 'social enterprise', 'change', 'justice', 'equality', 'fair', 'ethical', 'inclusion', 'poverty', 'homelessness', 'refugee', 'purpose'], sectors: ['social_enterprise'] },
  { id: 'community', label: 'community work', keywords: ['community', 'local', 'neighbourhood', 'neighborhood', 'resident', 'grassroots', 'volunteer', 'youth', 'young people', 'family', 'older people'], categories: ['community'], sectors: ['community'] },
  { id: 'events', label: 'events', keywords: ['event', 'festival', 'conference', 'gig', 'exhibition', 'fair', 'launch', 'workshop', 'venue'], categories: ['events'] },
  { id: 'research', label: 'research', keywords: ['research', 'researcher', 'insight', 'survey', 'interview', 'study', 'evidence', 'evaluation', 'policy'], categories: ['research'] },
  { id: 'operations', label: 'operations', keywords: ['operations', 'process', 'admin', 'logistics', 'organise', 'organize', 'system', 'project management', 'efficiency', 'stock', 'supply'], categories: ['operations'] },
  { id: 'sales', label: 'sales and customers', keywords: ['sales', 'sell', 'customer', 'client', 'selling', 'retail', 'shop', 'business development'], categories: ['customers'] },
  { id: 'retail', label: 'shops and retail', keywords: ['retail', 'shop', 'store', 'boutique', 'ecommerce', 'e-commerce', 'product', 'high street', 'market stall'], sectors: ['retail'] },
  { id: 'business', label: 'business', keywords: ['business', 'startup', 'start-up', 'entrepreneur', 'entrepreneurship', 'enterprise', 'strategy', 'consulting', 'consultancy', 'founder', 'growth'], sectors: ['small_business'] },
  { id: 'environment', label: 'the environment', keywords: ['environment', 'environmental', 'climate', 'sustainability', 'sustainable', 'green', 'eco', 'recycling', 'recycle', 'nature', 'zero waste', 'conservation', 'carbon', 'planet', 'wildlife', 'refill', 'repair'] },
  { id: 'education', label: 'education', keywords: ['education', 'teaching', 'teach', 'teacher', 'school', 'learning', 'tutor', 'tutoring', 'pupil', 'literacy', 'classroom'] },
  { id: 'health', label: 'health and wellbeing', keywords: ['health', 'wellbeing', 'mental health', 'nhs', 'care', 'fitness', 'sport', 'nutrition', 'clinic', 'therapy', 'disability'] },
  { id: 'arts', label: 'arts and culture', keywords: ['art', 'arts', 'music', 'theatre', 'theater', 'culture', 'cultural', 'gallery', 'museum', 'heritage', 'dance', 'creative', 'craft', 'literature', 'history'] },
  { id: 'food', label: 'food and hospitality', keywords: ['food', 'cafe', 'café', 'coffee', 'restaurant', 'bakery', 'baking', 'cooking', 'kitchen', 'catering', 'brewery', 'hospitality', 'grocery'] },
  { id: 'languages', label: 'languages', keywords: ['language', 'translation', 'translate', 'multilingual', 'bilingual', 'international', 'migrant', 'interpreter'], categories: ['languages'] },
  { id: 'public-sector', label: 'public service', keywords: ['council', 'government', 'public sector', 'civic', 'public service', 'library', 'libraries'], sectors: ['public_sector'] },
  { id: 'people', label: 'people and HR', keywords: ['hr', 'human resources', 'recruitment', 'recruit', 'hiring', 'people', 'training', 'coaching', 'mentoring', 'leadership'] },
];

export const THEME_BY_ID = new Map(THEMES.map((theme) => [theme.id, theme]));
THEMES.forEach((theme, index) => {
  if (index > 30) throw new Error(`Too many themes for a bit set: ${theme.id}`);
});

/** The bit of a theme in a bit set (there are fewer than 31 themes). */
export const THEME_BIT = new Map(THEMES.map((theme, index) => [theme.id, 1 << index]));

export const THEMES_BY_CATEGORY = new Map<SkillCategoryId, string[]>();
export const THEMES_BY_SECTOR = new Map<Sector, string[]>();
for (const theme of THEMES) {
  for (const category of theme.categories ?? []) THEMES_BY_CATEGORY.set(category, [...(THEMES_BY_CATEGORY.get(category) ?? []), theme.id]);
  for (const sector of theme.sectors ?? []) THEMES_BY_SECTOR.set(sector, [...(THEMES_BY_SECTOR.get(sector) ?? []), theme.id]);
}

export function themeBits(themeIds: Iterable<string>): number {
  let bits = 0;
  for (const id of themeIds) bits |= THEME_BIT.get(id) ?? 0;
  return bits;
}

export function themesOfBits(bits: number): Theme[] {
  return THEMES.filter((_, index) => (bits & (1 << index)) !== 0);
}

export function countBits(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}
