//! One item's text → who is given the job (lead), who works with them
//! (partners) and by when (deadline), as spans of the text as printed.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::units::{may_start_unit, names_a_unit};

/// Words that open the job after a unit's name (lower case, as printed):
/// the unit's span ends where one of them starts.
const PREDICATES: &[&str] = &[
    "chủ trì",
    "phối hợp",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "là cơ quan",
    "là đơn vị",
    "khẩn trương",
    "tham mưu",
    "thực hiện",
    "tổ chức",
    "chỉ đạo",
    "triển khai",
    "xây dựng",
    "rà soát",
    "hướng dẫn",
    "theo dõi",
    "kiểm tra",
    "báo cáo",
    "tổng hợp",
    "nghiên cứu",
    "đôn đốc",
    "tiếp tục",
    "cung cấp",
    "gửi",
    "đẩy mạnh",
    "tăng cường",
    "quan tâm",
    "bố trí",
    "cử",
    "mời",
    "chuẩn bị",
    "ban hành",
    "trình",
    "giải quyết",
    "xem xét",
    "tập trung",
    "sớm",
    "nghiêm túc",
    "chủ động",
    "kịp thời",
    "đề xuất",
    "có ý kiến",
    "có văn bản",
    "cập nhật",
    "hoàn thành",
    "hoàn thiện",
    "đảm bảo",
    "bảo đảm",
    "phổ biến",
    "tuyên truyền",
    "quán triệt",
    "thông báo",
    "thẩm định",
    "phê duyệt",
    "chuyển",
    "tham dự",
    "tham gia",
    "căn cứ",
    "phân bổ",
    "thu thập",
    "đánh giá",
    "giám sát",
    "điều chỉnh",
    "sửa đổi",
    "bổ sung",
    "lựa chọn",
    "đăng ký",
    "xác nhận",
    "liên hệ",
    "tiếp nhận",
    "xử lý",
    "duy trì",
    "nâng cao",
    "vận động",
    "hỗ trợ",
    "ưu tiên",
    "khắc phục",
    "kiện toàn",
    "thành lập",
    "thống kê",
    "phát động",
    "đăng tải",
    "công khai",
    "niêm yết",
    "bàn giao",
    "tiếp thu",
    "nắm",
    "trân trọng",
    "kính",
    "đề nghị",
    "yêu cầu",
    "giao",
    "cần",
    "phải",
    "nhanh chóng",
    "khẩn cấp",
    "theo chức năng",
    "trong phạm vi",
    "căn cứ",
    "dự họp",
    "dự",
    "lưu ý",
    "quản lý",
    "thường xuyên",
    "định kỳ",
    "rút kinh nghiệm",
    "phát huy",
    "làm tốt",
    "cụ thể hóa",
    "cụ thể hoá",
    "đưa",
    "lồng ghép",
    "khuyến khích",
    "phát sóng",
    "phát hành",
    "biên soạn",
    "tích cực",
    "hoàn tất",
    "thẩm tra",
    "tổng kết",
    "sơ kết",
    "phân công",
    "ứng dụng",
    "số hóa",
    "số hoá",
    "kết nối",
    "vận hành",
    "nâng cấp",
    "kiểm soát",
    "kiểm điểm",
    "xác minh",
    "điều tra",
    "tuần tra",
    "sẵn sàng",
    "huy động",
    "di dời",
    "sơ tán",
    "khôi phục",
    "thông tin",
    "làm rõ",
    "giải trình",
    "lấy ý kiến",
    "góp ý",
    "cho ý kiến",
    "thống nhất",
    "nhắc nhở",
    "chuyển giao",
    "tuyên dương",
    "khen thưởng",
    "tăng",
    "giảm",
    "nạo vét",
    "nhận thấy",
    "nhận được",
    "vận dụng",
    "áp dụng",
    "quyết định",
    "tải",
    "truy cập",
    "tra cứu",
    "nộp",
    "kê khai",
    "phản ánh",
    "phản hồi",
    "trả lời",
    "sử dụng",
    "khai thác",
    "phát biểu",
    "tham luận",
    "phục vụ",
    "đảm nhận",
    "trực tiếp",
    "đăng nhập",
    "chọn",
    "giải đáp",
    "tháo gỡ",
    "khảo sát",
    "nhập",
    "phân tích",
    "chuẩn hóa",
    "chuẩn hoá",
    "thu hồi",
    "mở rộng",
    "củng cố",
    "hoàn chỉnh",
    "giao nộp",
    "tiến hành",
    "lãnh đạo",
    "đôn đốc",
];

/// Words after a unit that make the sentence a report of what was done or
/// is under way ("UBND tỉnh đã ban hành …"), not a job.
const DONE: &[&str] = &["đã", "đang", "vừa", "đều đã", "cũng đã", "luôn", "sẽ", "là"];

/// Words that hand the job on to the unit after them ("Giao Sở …", "Đề
/// nghị các cơ quan …", "UBND tỉnh yêu cầu Công an tỉnh …").
const HANDS_ON: &[&str] = &[
    "giao cho",
    "giao",
    "kính đề nghị",
    "trân trọng đề nghị",
    "đề nghị",
    "yêu cầu",
    "kính đề xuất",
    "đề xuất",
];

/// Offices that head a unit ("Chủ tịch UBND các xã").
const PERSON_HEADS: &[&str] = &[
    "Chủ tịch",
    "Giám đốc",
    "Thủ trưởng",
    "Trưởng",
    "Bộ trưởng",
    "Người đứng đầu",
    "Phó",
];

/// Words that join clauses: a unit's name never runs over one.
const CLAUSE_WORDS: &[&str] = &["thì", "mà", "nếu", "nhưng", "do", "bởi", "vì", "khi"];

/// Words that end a partners span: a purpose, place or time follows.
const SPAN_ENDS: &[&str] = &["để", "nhằm", "trong", "tại", "khi", "theo"];

/// A unit's name is at most this many words.
const MAX_UNIT_WORDS: usize = 50;

/// Who is given the job in one item's own text.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    /// The unit(s) as printed, without "Giao"/"Đề nghị".
    pub lead: String,
    /// The span after "phối hợp (với)" up to the job's verb.
    pub partners: Option<String>,
    /// The item names the unit and nothing else ("1. Bộ Công an:", "a) Giao
    /// Văn phòng UBND tỉnh:"): its sub-items are the unit's jobs.
    pub heading_only: bool,
    /// What follows the unit ends with ":" and names no job of its own ("…
    /// đề nghị các bộ, tỉnh thực hiện một số nội dung sau:").
    pub lead_in: bool,
}

/// Words of a text with their byte offsets.
fn words(t: &str) -> Vec<(usize, &str)> {
    t.split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
        .collect()
}

/// Does a listed phrase (lower case, one or more words) start at word `i`?
fn phrase_at<'a>(ws: &[(usize, &str)], i: usize, list: &[&'a str]) -> Option<&'a str> {
    phrase_from(ws, i, bare(ws.get(i)?.1), list)
}

/// [`phrase_at`] with the first word given (lower-cased, say).
fn phrase_from<'a>(
    ws: &[(usize, &str)],
    i: usize,
    first: &str,
    list: &[&'a str],
) -> Option<&'a str> {
    list.iter().copied().find(|p| {
        let n = p.split(' ').count();
        // a phrase runs over no punctuation ("truyền thông, báo chí" holds
        // no "thông báo")
        p.split(' ').enumerate().all(|(k, a)| {
            ws.get(i + k).is_some_and(|(_, w)| {
                let word = if k == 0 { first } else { bare(w) };
                word == a && (k + 1 == n || bare(w) == *w)
            })
        })
    })
}

/// [`PREDICATES`] by their first word, to look up only the few that can
/// start at a word.
static PREDICATE_INDEX: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut index: HashMap<&str, Vec<&str>> = HashMap::new();
    for p in PREDICATES {
        let first = p.split(' ').next().unwrap_or(p);
        index.entry(first).or_default().push(p);
    }
    index
});

/// [`phrase_at`] over [`PREDICATES`].
fn predicate_at(ws: &[(usize, &str)], i: usize) -> Option<&'static str> {
    let list = PREDICATE_INDEX.get(bare(ws.get(i)?.1))?;
    phrase_at(ws, i, list)
}

/// A word without the punctuation after it.
fn bare(w: &str) -> &str {
    w.trim_end_matches([',', ';', '.', ':'])
}

/// The job's lead in an item's own text: a unit after "Giao"/"Đề nghị"/
/// "Yêu cầu", or a unit that opens a sentence and is followed by its verb.
pub fn lead_of(text: &str) -> Option<Lead> {
    let ws = words(text);
    if ws.is_empty() {
        return None;
    }
    let quoted = inside_quotes(&ws);
    let mut sentence = 0;
    // the sentence's first comma so far
    let mut first_comma: Option<usize> = None;
    for i in 0..ws.len() {
        if i > 0 && ws[i - 1].1.ends_with(['.', ':']) {
            sentence = i;
            first_comma = None;
        } else if i > 0 && first_comma.is_none() && ws[i - 1].1.ends_with(',') {
            first_comma = Some(i - 1);
        }
        // "Để …, Sở X chủ trì …": the unit after an opening clause's comma
        let after_intro = i > 0
            && first_comma == Some(i - 1)
            && phrase_at(&ws, sentence, INTRO).is_some()
            && starts_capital_or_group(ws[i].1);
        let sentence_start = i == sentence || after_intro;
        let reported = i > 0 && phrase_at(&ws, i - 1, DONE).is_some();
        // "giao", "đề nghị" hand a job on after a subject ("Chủ tịch UBND
        // tỉnh giao …") or at a clause's start; "dự toán giao cho …" not
        let clause_start = i == sentence || ws[i - 1].1.ends_with([',', ';', ':']);
        let hand = phrase_at(&ws, i, HANDS_ON)
            .filter(|_| clause_start || subject_before(&ws, sentence, i))
            .or_else(|| capital_hand(&ws, i).filter(|_| i == sentence))
            .filter(|_| !reported);
        // "2. Đối với Sở Y tế:" heads the jobs under it
        if i == sentence
            && phrase_at(&ws, i, &["Đối với", "đối với"]).is_some()
            && let Some(lead) = unit_span(text, &ws, i + 2).filter(|l| l.heading_only)
        {
            return Some(lead);
        }
        let at = match hand {
            Some(p) => i + p.split(' ').count(),
            None if sentence_start => i,
            None => continue,
        };
        // a unit inside a quotation ("Dự thảo quy định “… báo cáo Sở Tư
        // pháp …”") is the quoted text's, not this one's
        if quoted[at.min(ws.len() - 1)] {
            continue;
        }
        if let Some(lead) = unit_span(text, &ws, at) {
            let after = at + lead.lead.split_whitespace().count();
            // "đề nghị Sở Nội vụ xem xét, tổng hợp": asked to consider, not
            // given a job (a tờ trình's request)
            if phrase_at(&ws, after, CONSIDER).is_some() {
                continue;
            }
            // "Sở Nội vụ đề nghị các đơn vị …": the unit after the request;
            // "Văn phòng Chính phủ trân trọng đề nghị:", "đề xuất: Trung tâm
            // kính đề xuất UBND tỉnh:" are the issuer speaking
            let speaking = phrase_at(&ws, after, SPEAKING).is_some();
            // "Hội đồng …: Đề nghị Ban chấp hành …": the first is a topic
            let hands_on = phrase_at(&ws, after, HANDS_ON).is_some()
                || capital_hand(&ws, after).is_some_and(|h| h != DIRECTS)
                    && ws[after - 1].1.ends_with(':');
            // "Chỉ đạo các đơn vị trực thuộc đẩy mạnh …": the unit asked
            // still leads, unless the one it directs leads the job ("Chỉ
            // đạo Sở X chủ trì …") or heads the items ("Chỉ đạo UBND các
            // xã, phường:")
            let directed = hand == Some(DIRECTS)
                && !lead.heading_only
                && phrase_at(&ws, after, &["chủ trì"]).is_none();
            if directed {
                continue;
            }
            if !(speaking || hands_on) || lead.heading_only {
                return Some(lead);
            }
        }
    }
    None
}

/// A unit opening a clause is capitalised ("Sở X") or a group ("các bộ,
/// tỉnh"); "ngành", "cơ quan" in lower case go on a list before them.
fn starts_capital_or_group(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) || w == "các"
}

/// Does a unit's name end right before word `i` in its sentence (the
/// subject of a "giao", "đề nghị")?
fn subject_before(ws: &[(usize, &str)], sentence: usize, i: usize) -> bool {
    // a unit's name is at most MAX_UNIT_WORDS long: the subject starts
    // within reach of the verb
    (sentence.max(i.saturating_sub(2 * MAX_UNIT_WORDS))..i).any(|k| {
        starts_unit(ws, k)
            && (k + 1..i).all(|j| !verb_at(ws, j) && !ws[j - 1].1.ends_with(['.', ';', ':']))
    })
}

/// Jobs that only ask a superior to decide ("xem xét, phê duyệt").
const CONSIDER: &[&str] = &[
    "xem xét",
    "phê duyệt",
    "cho ý kiến",
    "chấp thuận",
    "phê chuẩn",
];

/// Which words stand inside “…” opened and not yet closed before them.
fn inside_quotes(ws: &[(usize, &str)]) -> Vec<bool> {
    let mut depth = 0usize;
    ws.iter()
        .map(|(_, w)| {
            let opens = w.matches('“').count();
            let inside = depth > 0 || opens > 0;
            depth = (depth + opens).saturating_sub(w.matches('”').count());
            inside
        })
        .collect()
}

/// Words that open a clause before the sentence's subject ("Để triển khai
/// …, Sở X chủ trì …"; "Căn cứ kết quả …, các bộ, tỉnh triển khai …").
const INTRO: &[&str] = &[
    "Để",
    "Căn cứ",
    "Đối với",
    "Trên cơ sở",
    "Trong",
    "Sau khi",
    "Khi",
    "Đồng thời",
    "Ngoài ra",
    "Bên cạnh đó",
    "Thực hiện",
    "Trường hợp",
    "Nhằm",
    "Qua",
];

/// The unit that speaks as the issuer in a text ("Văn phòng Chính phủ trân
/// trọng đề nghị:", "…, Sở Nội vụ kính đề nghị …").
pub fn speaker(text: &str) -> Option<String> {
    // most paragraphs have no speaking words at all
    let speaks = SPEAKING.iter().any(|w| text.contains(w)) || text.contains("ban hành");
    if !speaks {
        return None;
    }
    let ws = words(text);
    (0..ws.len()).find_map(|i| {
        let start = i == 0 || ws[i - 1].1.ends_with([',', '.', ':']);
        if !start || !starts_unit(&ws, i) {
            return None;
        }
        let end = (i + 1..ws.len().min(i + MAX_UNIT_WORDS)).find(|&k| {
            // "UBND tỉnh ban hành Kế hoạch … như sau:" issues this text;
            // "UBND tỉnh đã ban hành Quyết định số …" reports another
            phrase_at(&ws, k, SPEAKING).is_some()
                || text.trim_end().ends_with(':') && issues_this(&ws, k)
        })?;
        // the name runs up to the speaking words, with no verb inside
        let between = (i + 1..end).all(|k| predicate_at(&ws, k).is_none());
        between.then(|| {
            let last = ws[end - 1];
            text[ws[i].0..last.0 + last.1.len()]
                .trim_end_matches(',')
                .to_string()
        })
    })
}

/// "… ban hành Kế hoạch …": the issuer issuing the document itself.
fn issues_this(ws: &[(usize, &str)], k: usize) -> bool {
    phrase_at(ws, k, &["ban hành"]).is_some()
        && ws.get(k + 2).is_some_and(|(_, w)| {
            crate::document::doc_type(&w.to_uppercase()).is_some()
                || ["Kế", "Quyết", "Chỉ", "Chương", "Thông", "Quy"].contains(w)
        })
}

/// Words after the issuer's name that make it speak, not act ("Văn phòng
/// Chính phủ trân trọng đề nghị:", "Sở Nội vụ kính đề nghị").
const SPEAKING: &[&str] = &[
    "trân trọng",
    "kính",
    "xin",
    "có ý kiến như sau",
    "có ý kiến cụ thể như sau",
    "báo cáo như sau",
    "thông báo như sau",
];

/// "Giao", "Đề nghị", "Yêu cầu" opening a sentence (capitalised); there
/// "Chỉ đạo" too, an item of a request to a superior ("Chỉ đạo Sở Nông
/// nghiệp và Môi trường chủ trì …"; after a subject, "Sở X chỉ đạo Công ty
/// Y …", the subject leads).
fn capital_hand(ws: &[(usize, &str)], i: usize) -> Option<&'static str> {
    let (_, w) = ws.get(i)?;
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let first = bare(w).to_lowercase();
    phrase_from(ws, i, &first, HANDS_ON).or_else(|| phrase_from(ws, i, &first, &[DIRECTS]))
}

/// "Chỉ đạo" opening an item: hands the job on only where the unit it
/// names leads it or heads the items (see [`lead_of`]).
const DIRECTS: &str = "chỉ đạo";

fn starts_unit(ws: &[(usize, &str)], i: usize) -> bool {
    // most words cannot start a name: no need to look further
    if !may_start_unit(bare(ws[i].1)) {
        return false;
    }
    let rest: Vec<&str> = ws[i..ws.len().min(i + 6)].iter().map(|(_, w)| *w).collect();
    names_a_unit(&rest.join(" "))
}

/// The unit's span from word `at`: up to the job's first verb, a ":" or a
/// "(", at most [`MAX_UNIT_WORDS`] words.
fn unit_span(text: &str, ws: &[(usize, &str)], at: usize) -> Option<Lead> {
    if at >= ws.len() || !starts_unit(ws, at) {
        return None;
    }
    let mut end = at;
    let mut colon = false;
    let mut verb = false;
    let mut paren = false;
    while end < ws.len() && end - at < MAX_UNIT_WORDS {
        let w = ws[end].1;
        if end > at && w.starts_with('(') {
            // "Sở Nội vụ (cơ quan thường trực) chủ trì": the parenthesis
            // is part of the name; "UBND các xã (gồm 03 nhiệm vụ):" a heading
            let close = (end..ws.len()).find(|&k| ws[k].1.contains(')'));
            verb = close.is_some_and(|k| predicate_at(ws, k + 1).is_some());
            colon = close.is_some_and(|k| {
                ws[k].1.ends_with(':') || ws.get(k + 1).is_some_and(|w| w.1 == ":")
            });
            // "(gồm 03 nhiệm vụ)" counts the items, it names nothing
            let count = ws
                .get(end + 1)
                .is_some_and(|(_, w)| w.starts_with(|c: char| c.is_ascii_digit()))
                && matches!(w, "(gồm" | "(có")
                || w.trim_start_matches('(')
                    .starts_with(|c: char| c.is_ascii_digit());
            if (verb || colon && !count)
                && let Some(k) = close
            {
                end = k + 1;
                paren = true;
            }
            break;
        }
        // "Nếu … Sở Tư pháp … thì …": a condition, not a unit given a job
        if end > at && CLAUSE_WORDS.contains(&w) {
            return None;
        }
        // "là cơ quan thường trực" is a job; "đã ban hành", "là tổ chức" not
        if end > at && verb_at(ws, end) {
            verb = true;
            break;
        }
        if end > at && phrase_at(ws, end, DONE).is_some() {
            return None;
        }
        end += 1;
        if w.ends_with(':') {
            // "Các sở: Xây dựng, Tài chính, … cập nhật …": the names go on
            // the group up to the job's verb
            let group = end - at <= 2 && ws[at].1.eq_ignore_ascii_case("các");
            if group
                && let Some(v) = (end..ws.len().min(end + MAX_UNIT_WORDS))
                    .take_while(|&k| !ws[k - 1].1.ends_with(['.', ';']) || k == end)
                    .find(|&k| verb_at(ws, k))
                && ws[end].1.starts_with(char::is_uppercase)
            {
                end = v;
                verb = true;
                break;
            }
            colon = true;
            break;
        }
        // "Các sở, ban, ngành; UBND các xã, phường": one span of units
        if w.ends_with('.') || w.ends_with(';') && !(end < ws.len() && starts_unit(ws, end)) {
            break;
        }
    }
    if end == at || end - at >= MAX_UNIT_WORDS && !paren {
        return None;
    }
    let last = ws[end - 1];
    let span_end = last.0 + last.1.len();
    let lead = text[ws[at].0..span_end]
        .trim_end_matches([',', ':', ';', '.'])
        .trim()
        .to_string();
    let rest = text[span_end..].trim();
    // after "(gồm 03 nhiệm vụ):" nothing but the parenthesis and colon
    let rest = if colon && rest.starts_with('(') {
        rest.split_once(')')
            .map_or(rest, |(_, r)| r.trim_start_matches([':', ' ']))
    } else {
        rest
    };
    // "1. Bộ Công an:" or "1. Văn phòng Sở" alone on its line
    let heading_only = rest.is_empty() && (colon || !last.1.ends_with(['.', ';', ',']));
    // the job starts right after the unit ("Bộ Y tế: Mời …"); a unit before
    // a list of names ("Lãnh đạo các Bộ: Công an, Quốc phòng …") sets none
    // "Chủ tịch Hội lâm thời: Chọn 01 …" defines a role; an office's unit
    // after a colon takes a job only when the job's verb opens the rest
    let role = PERSON_HEADS.iter().any(|h| lead.starts_with(h));
    let colon_job = colon && (starts_job(rest) || !role && has_job(rest));
    if !(verb || heading_only || colon_job) {
        return None;
    }
    Some(Lead {
        lead,
        partners: partners(text, ws, end),
        heading_only,
        lead_in: lead_in(rest),
    })
}

/// Does the text open with a job's verb (its first word in any case)?
fn starts_job(t: &str) -> bool {
    let lower = t.to_lowercase();
    predicate_at(&words(&lower), 0).is_some()
}

/// Does the text set a job: does a verb of [`PREDICATES`] occur in it, as a
/// verb (not "các tổ chức")? A sentence's first word counts in any case.
pub fn has_job(text: &str) -> bool {
    if starts_job(text) {
        return true;
    }
    let ws = words(text);
    (1..ws.len()).any(|i| verb_at(&ws, i))
}

/// Verbs that are also the second syllable of a word in a unit's name
/// ("Bộ Ngoại giao", "Ban Quản lý Công trình", "Sở Giao thông Vận tải").
const NAME_SYLLABLES: &[&str] = &["giao", "trình", "tải"];

/// Does a job's verb start at word `i` (not the first)? Not after "các"
/// ("các tổ chức" is a noun), nor a [`NAME_SYLLABLES`] word right after a
/// capital.
fn verb_at(ws: &[(usize, &str)], i: usize) -> bool {
    let Some(p) = predicate_at(ws, i) else {
        return false;
    };
    let prev = ws[i - 1].1;
    // "các tổ chức" is a noun; "đơn vị được kiểm tra" names the unit
    let noun = matches!(prev, "các" | "Các" | "những" | "mọi" | "và" | "được");
    // "dự án", "dự thảo", "dự toán" are nouns
    let noun_after = p == "dự"
        && ws.get(i + 1).is_some_and(|(_, w)| {
            ["án", "thảo", "toán", "kiến", "báo", "phòng", "trữ", "định"].contains(&bare(w))
        });
    // "Phòng Công nghệ thông tin", "Cổng thông tin điện tử": a noun
    let term = p == "thông tin"
        && ["nghệ", "cổng", "thống", "toàn", "trang"].contains(&bare(prev).to_lowercase().as_str());
    // "Ban Quản lý dự án đầu tư xây dựng tỉnh": investment in building
    let building = p == "xây dựng" && i >= 2 && bare(prev) == "tư" && bare(ws[i - 2].1) == "đầu";
    let in_name = NAME_SYLLABLES.contains(&p)
        && prev.chars().next().is_some_and(char::is_uppercase)
        && !prev.ends_with([',', ';', ':', '.', ')']);
    !(noun || in_name || noun_after || term || building)
}

/// "phối hợp (với) X" anywhere in a job's text (its lead given above it).
pub fn partners_in(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let ws = words(text);
    // "Phối hợp với …" opening the text is found in any case
    let lw = words(&lower);
    let at = (0..ws.len()).find(|&i| phrase_at(&lw, i, &["phối hợp"]).is_some())?;
    partners(text, &ws, at)
}

/// "phối hợp (với) X" after the lead: X up to the job's verb.
fn partners(text: &str, ws: &[(usize, &str)], from: usize) -> Option<String> {
    // "… để Sở Tư pháp chủ trì phối hợp …" is another's step, not partners
    let purpose = (from..ws.len())
        .find(|&i| matches!(ws[i].1, "để" | "nhằm"))
        .unwrap_or(ws.len());
    let at = (from..purpose).find(|&i| {
        phrase_at(ws, i, &["phối hợp"]).is_some()
            || i == from && ws[i].1 == "Phối" && ws.get(i + 1).is_some_and(|w| w.1 == "hợp")
    })?;
    let mut s = at + 2;
    // "phối hợp chặt chẽ với", "phối hợp thường xuyên với"
    if let Some(k) = (s..(s + 3).min(ws.len())).find(|&k| ws[k].1 == "với") {
        s = k;
    }
    if ws.get(s).is_some_and(|(_, w)| *w == "với" || *w == "cùng") {
        s += 1;
    }
    if s >= ws.len() || !starts_unit(ws, s) {
        return None;
    }
    let mut end = s;
    while end < ws.len() && end - s < MAX_UNIT_WORDS {
        let w = ws[end].1;
        let purpose = SPAN_ENDS.contains(&w);
        if end > s && (purpose || w.starts_with('(') || verb_at(ws, end)) {
            break;
        }
        end += 1;
        if w.ends_with([':', '.', ';']) {
            break;
        }
    }
    let last = ws[end - 1];
    let span = text[ws[s].0..last.0 + last.1.len()]
        .trim_end_matches([',', ':', ';', '.'])
        .trim();
    (!span.is_empty()).then(|| span.to_string())
}

/// "… thực hiện một số nội dung sau:": a job that is only the items under it.
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\p{L} ]*?\s)?(?:một số|các|những)\s+(?:nội dung|nhiệm vụ|việc|công việc|yêu cầu|giải pháp|biện pháp)(?:\s+(?:trọng tâm|chủ yếu|cụ thể))?\s*(?:sau|như sau|sau đây|cụ thể như sau|dưới đây)?\s*:$")
        .unwrap()
});

/// What follows a unit only announces the items under it ("thực hiện một
/// số nội dung sau:", "…, có nhiệm vụ:", or a few words and a colon).
fn lead_in(rest: &str) -> bool {
    let t = rest.trim();
    t.ends_with(':')
        && (LEAD_IN.is_match(t) || t.split_whitespace().count() <= 4 || DUTIES.is_match(t))
}

static DUTIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:có|với|gồm) (?:các )?(?:nhiệm vụ|trách nhiệm)(?: (?:sau|như sau|cụ thể))?\s*:$")
        .unwrap()
});

/// Time phrases of a text, as printed from their preposition on ("trước
/// ngày 20/02/2025", "trong tháng 12/2025", "trước 14 giờ ngày 08 tháng 10
/// năm 2025", "định kỳ 03 tháng/1 lần"). A referenced document's date
/// ("Quyết định số 1441/QĐ-UBND ngày 25/9/2025") has no preposition and is
/// never one; nor are vague words ("thường xuyên", a bare "định kỳ").
pub fn deadline_phrases(text: &str) -> Vec<String> {
    DEADLINE
        .find_iter(text)
        .map(|m| {
            let t = m.as_str().trim_end_matches([',', ';', '.', ' ']);
            // "trước khi gửi Sở Tài chính chậm nhất ngày 05/8/2026": the
            // date inside the clause is the deadline, the clause its step
            let t = match t
                .strip_prefix("trước khi ")
                .or(t.strip_prefix("Trước khi "))
            {
                Some(rest) => DEADLINE.find(rest).map_or(t, |d| d.as_str().trim_end()),
                None => t,
            };
            // a closing parenthesis stays only with its opening one
            if t.ends_with(')') && !t.contains('(') {
                t.trim_end_matches(')').to_string()
            } else {
                t.to_string()
            }
        })
        // "giai đoạn … đến năm 2030" is a programme's horizon
        .filter(|t| !HORIZON.is_match(t))
        .collect()
}

static HORIZON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^đến năm \d{4}$").unwrap());

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    let time = r"(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s*,?\s*)?";
    let day = r"ngày\s+\d{1,2}(?:\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?|\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?|\s+(?:hằng|hàng)\s+(?:tháng|quý|năm))";
    let month = r"(?:các\s+)?tháng\s+\d{1,2}(?:\s*(?:/|năm)\s*\d{4})?";
    let quarter = r"(?:quý|Quý)\s+(?:[IV]{1,3}|\d)(?:\s*(?:/|năm)\s*\d{4})?";
    let half = r"(?:06|6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?";
    let year = r"năm\s+\d{4}";
    let point =
        format!(r"(?:{time}{day}|{month}|{quarter}|{half}|{year}|\d{{1,2}}/\d{{1,2}}/\d{{4}})");
    let prep = r"(?:chậm nhất(?:\s+là)?(?:\s+(?:trước|vào|trong))?|[Tt]rước|[Tt]rong|[Tt]ừ|kể từ|đến|vào)(?:\s+hết)?";
    // "trước ngày 15/6 và ngày 15/12 hằng năm"
    let span = format!(
        r"{prep}\s+{point}(?:\s*(?:đến|-|–|và)\s*(?:{point}|\d{{1,2}}/\d{{4}}))?(?:\s+(?:hằng|hàng)\s+(?:năm|tháng|quý))?"
    );
    // "định kỳ hằng tuần trước 16 giờ ngày thứ Sáu", "(vào cuối tháng)"
    let weekday = r"(?:\s+trước\s+\d{1,2}\s*giờ(?:\s*\d{1,2})?\s*(?:,\s*)?ngày\s+thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy))?(?:\s*\([^)]+\))?";
    let periodic = format!(
        r"[Tt]rước\s+\d{{1,2}}\s*giờ(?:\s*\d{{1,2}})?\s*(?:,\s*)?(?:ngày\s+)?thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy)\s+(?:hằng|hàng)\s+tuần|(?:[Đđ]ịnh kỳ\s+)?(?:hằng|hàng)\s+(?:tuần|tháng|quý)\b{weekday}|định kỳ\s+(?:(?:hằng|hàng)\s+năm|\d{{1,2}}\s+tháng\s*/\s*(?:0?1\s*)?lần)"
    );
    // "trước kỳ họp thường lệ cuối năm 2026", "trước ngày giao quân" (a day
    // named by what happens on it, not by a date)
    let event = r"[Tt]rước\s+(?:(?:Hội nghị|hội nghị|Đại hội|Kỳ họp|kỳ họp|phiên họp)\b[^,.;:(]*|Tết\b|ngày\s+\p{Ll}[^,.;:(]*)|[Tt]rước khi\s+[^,.;:(]+";
    let within = r"[Tt]rong\s+(?:thời hạn\s+)?\d{1,3}(?:\s*\([^)]+\))?\s+ngày(?:\s+làm việc)?(?:\s+kể từ\s+(?:ngày\s+)?[^,.;]+)?";
    let occasion = r"nhân\s+(?:dịp\s+)?ngày\s+[^,.;]+?\d{1,2}/\d{1,2}(?:/\d{4})?";
    Regex::new(&format!(
        r"(?:{span}|{periodic}|{event}|{within}|{occasion})"
    ))
    .unwrap()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(t: &str) -> Option<(String, Option<String>)> {
        lead_of(t).map(|l| (l.lead, l.partners))
    }

    #[test]
    fn building_after_investment_is_part_of_the_units_name() {
        assert_eq!(
            lead(
                "Ban Quản lý dự án đầu tư xây dựng tỉnh chủ trì, phối hợp với Sở Xây dựng hoàn thành hồ sơ."
            ),
            Some((
                "Ban Quản lý dự án đầu tư xây dựng tỉnh".into(),
                Some("Sở Xây dựng".into())
            ))
        );
    }

    #[test]
    fn chi_dao_hands_on_only_a_job_the_directed_unit_leads() {
        // 13i hi-06: items of a request to UBND Thành phố
        assert_eq!(
            lead(
                "Chỉ đạo Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Tài chính xây dựng lộ trình."
            ),
            Some((
                "Sở Nông nghiệp và Môi trường".into(),
                Some("Sở Tài chính".into())
            ))
        );
        assert!(
            lead_of("Chỉ đạo UBND các xã, phường:")
                .unwrap()
                .heading_only
        );
        // the unit asked still leads what it directs
        assert_eq!(
            lead("Chỉ đạo các đơn vị trực thuộc đẩy mạnh công tác tuyên truyền."),
            None
        );
        assert_eq!(
            lead("Sở Văn hóa, Thể thao và Du lịch: Chỉ đạo các cơ quan báo chí đẩy mạnh tuyên truyền.")
                .map(|l| l.0),
            Some("Sở Văn hóa, Thể thao và Du lịch".into())
        );
        // after a subject the subject leads
        assert_eq!(
            lead(
                "Sở Nông nghiệp và Môi trường chỉ đạo Công ty Khai thác thủy lợi vận hành hồ chứa."
            )
            .map(|l| l.0),
            Some("Sở Nông nghiệp và Môi trường".into())
        );
    }

    #[test]
    fn leads_after_giao_and_de_nghi() {
        assert_eq!(
            lead(
                "Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư và các đơn vị liên quan tham mưu UBND tỉnh."
            ),
            Some((
                "Sở Tài chính".into(),
                Some("Sở Kế hoạch và Đầu tư và các đơn vị liên quan".into())
            ))
        );
        assert_eq!(
            lead("Đề nghị các cơ quan, đơn vị gửi báo cáo về Bộ Nội vụ trước ngày 10/8/2025."),
            Some(("các cơ quan, đơn vị".into(), None))
        );
        assert_eq!(
            lead("Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức các hoạt động."),
            Some(("Sở Văn hóa, Thể thao và Du lịch".into(), None))
        );
        assert_eq!(
            lead("Sở Nội vụ đề nghị các sở, ban, ngành thực hiện một số nội dung sau:"),
            Some(("các sở, ban, ngành".into(), None))
        );
        assert_eq!(lead("Bộ Công an:").map(|l| l.0), Some("Bộ Công an".into()));
        assert!(lead_of("Bộ Công an:").unwrap().heading_only);
        assert!(lead_of("Giao Văn phòng UBND tỉnh:").unwrap().heading_only);
        assert_eq!(
            lead("Kết quả đạt được trong năm 2025 là đáng ghi nhận."),
            None
        );
        assert_eq!(lead("Bộ Nội vụ sẽ tổng hợp, báo cáo."), None);
    }

    #[test]
    fn deadlines_from_their_preposition() {
        assert_eq!(
            deadline_phrases("Hoàn thành và báo cáo UBND tỉnh trước ngày 20/02/2025."),
            ["trước ngày 20/02/2025"]
        );
        assert_eq!(
            deadline_phrases(
                "gửi Văn phòng Chính phủ trước 14 giờ ngày 08 tháng 10 năm 2025 để tổng hợp"
            ),
            ["trước 14 giờ ngày 08 tháng 10 năm 2025"]
        );
        assert_eq!(
            deadline_phrases(
                "theo Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của UBND tỉnh, hoàn thành trong tháng 12/2025"
            ),
            ["trong tháng 12/2025"]
        );
        assert_eq!(
            deadline_phrases("báo cáo định kỳ 03 tháng/1 lần; thường xuyên theo dõi"),
            ["định kỳ 03 tháng/1 lần"]
        );
        assert_eq!(
            deadline_phrases("triển khai từ tháng 01/2026, chậm nhất ngày 15/01/2026"),
            ["từ tháng 01/2026", "chậm nhất ngày 15/01/2026"]
        );
        assert_eq!(
            deadline_phrases("duy trì đến hết ngày 31/12/2025; giai đoạn 2021 - 2025 đến năm 2030"),
            ["đến hết ngày 31/12/2025"]
        );
        assert_eq!(
            deadline_phrases("trước khi hợp nhất (trừ những Ủy viên đã nghỉ)"),
            ["trước khi hợp nhất"]
        );
        // a date inside the clause is the deadline
        assert_eq!(
            deadline_phrases("tổng hợp trước khi gửi Sở Tài chính chậm nhất ngày 05/8/2026."),
            ["chậm nhất ngày 05/8/2026"]
        );
        // an event's day or meeting, with what the text says of it
        assert_eq!(
            deadline_phrases("tặng quà công dân nhập ngũ trước ngày giao quân."),
            ["trước ngày giao quân"]
        );
        assert_eq!(
            deadline_phrases("theo khối lượng trước kỳ họp thường lệ cuối năm 2026."),
            ["trước kỳ họp thường lệ cuối năm 2026"]
        );
        assert_eq!(
            deadline_phrases("hoàn thành trước ngày 15/6/2026"),
            ["trước ngày 15/6/2026"]
        );
    }
}
